import { useEffect, useRef, useState } from 'react';
import { Alert } from 'antd';
import { Loading } from './Loading';
import { formatNumber } from '../lib/format';

export type ChartRow = { name: string; doneOnTime: number; doneLate: number; openInTime: number; openOverdue: number };

const SERIES = [
  ['doneOnTime', 'Đã giải quyết đúng hạn', '#2e7d32'],
  ['doneLate', 'Đã giải quyết trễ hạn', '#ef6c00'],
  ['openInTime', 'Đang giải quyết trong hạn', '#1565c0'],
  ['openOverdue', 'Đang giải quyết quá hạn', '#b3261e'],
] as const;

/**
 * The report's rows as stacked horizontal bars (ECharts, loaded on first use). The figures are in the
 * table beside it; the chart's text alternative says what it shows and where the figures are.
 */
export function ReportChart({ rows, label }: { rows: ChartRow[]; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const height = Math.max(160, rows.length * 28 + 80);

  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void; resize(): void } | undefined;
    const onResize = () => chart?.resize();
    import('../lib/echarts')
      .then(({ echarts }) => {
        if (disposed || !el.current) return;
        const c = echarts.init(el.current, undefined, { renderer: 'canvas' });
        chart = c;
        const names = rows.map((r) => r.name).reverse();
        c.setOption({
          animation: false,
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => formatNumber(Number(v)) },
          legend: { top: 0, textStyle: { color: '#262626' } },
          grid: { left: 8, right: 24, top: 56, bottom: 8, containLabel: true },
          xAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#262626', formatter: (v: number) => formatNumber(v) } },
          yAxis: {
            type: 'category',
            data: names,
            axisLabel: { color: '#262626', width: 180, overflow: 'truncate' },
          },
          series: SERIES.map(([key, name, color]) => ({
            name,
            type: 'bar',
            stack: 'total',
            itemStyle: { color },
            data: rows.map((r) => r[key]).reverse(),
          })),
        });
        window.addEventListener('resize', onResize);
        setState('ready');
      })
      .catch(() => !disposed && setState('failed'));
    return () => {
      disposed = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [rows]);

  if (state === 'failed') return <Alert type="warning" showIcon message="Không tải được biểu đồ; số liệu có trong bảng." />;
  return (
    <figure style={{ margin: 0 }}>
      {state === 'loading' && <Loading label="Đang tải biểu đồ" />}
      <div ref={el} role="img" aria-label={label} style={{ width: '100%', height }} />
      <figcaption className="visually-hidden">{label}</figcaption>
    </figure>
  );
}
