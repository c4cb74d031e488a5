import { Link, useNavigate } from 'react-router';
import { Button, Empty, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { AccountabilityReport, HandlingReport } from '../api/queries';
import { formatNumber } from '../lib/format';
import type { Category } from './ReportDrilldowns';

// The tables of Báo cáo (pages/Reports.tsx): the handling report and the accountability ranking
// (their drill-downs: ReportDrilldowns.tsx).
export type Counts = HandlingReport['total'];
/**
 * A row of the handling table: its figures, its name, the report one level down, and for a person
 * the documents behind one of its figures (cellTarget).
 */
export type Row = Counts & { key: string; name: string; target?: string; cellTarget?: (category: Category) => string };
/** The figures' columns, in the table's order (REPORTS.md); the rates are percentages. */
const FIGURES: (keyof Counts)[] = [
  'carriedOver',
  'received',
  'toHandle',
  'doneOnTime',
  'doneLate',
  'onTimeRate',
  'openInTime',
  'openOverdue',
  'overdueRate',
  'lateRate',
];
const RATES = new Set<keyof Counts>(['onTimeRate', 'overdueRate', 'lateRate']);

const percent = (v: number) => `${formatNumber(v)}%`;
const num = (v: number) => formatNumber(v);

export function HandlingTable({ rows, total, loading, by }: { rows: Row[]; total?: Counts; loading: boolean; by: 'child' | 'person' }) {
  const navigate = useNavigate();
  const count = (key: keyof Counts, title: string, width = 96, danger = false): ColumnsType<Row>[number] => ({
    key,
    title,
    width,
    align: 'right',
    render: (_, r) => {
      const v = r[key];
      const shown = danger && v > 0 ? <span className="overrun">{num(v)}</span> : num(v);
      // A person's figure opens the documents it counts (toHandle is the sum of two figures).
      return r.cellTarget && key !== 'toHandle' && v > 0 ? (
        <Link to={r.cellTarget(key as Category)} aria-label={`${num(v)} văn bản: ${title}, ${r.name}`}>
          {shown}
        </Link>
      ) : (
        shown
      );
    },
  });
  const rate = (key: keyof Counts, title: string): ColumnsType<Row>[number] => ({
    key,
    title,
    width: 96,
    align: 'right',
    render: (_, r) => percent(r[key]),
  });
  const columns: ColumnsType<Row> = [
    {
      key: 'name',
      title: by === 'person' ? 'Người chủ trì' : 'Đơn vị',
      fixed: 'left',
      width: 180,
      render: (_, r) => (r.target ? <Link to={r.target}>{r.name}</Link> : r.name),
    },
    count('carriedOver', 'Tồn kỳ trước'),
    count('received', 'Tiếp nhận trong kỳ'),
    count('toHandle', 'Tổng số phải giải quyết', 110),
    {
      title: 'Đã giải quyết',
      children: [count('doneOnTime', 'Đúng hạn'), count('doneLate', 'Trễ hạn', 96, true), rate('onTimeRate', 'Tỷ lệ đúng hạn')],
    },
    {
      title: 'Đang giải quyết',
      children: [count('openInTime', 'Trong hạn'), count('openOverdue', 'Quá hạn', 96, true), rate('overdueRate', 'Tỷ lệ quá hạn')],
    },
    rate('lateRate', 'Tỷ lệ trễ hạn'),
  ];
  return (
    <Table<Row>
      rowKey="key"
      size="small"
      bordered
      pagination={false}
      loading={loading}
      dataSource={rows}
      columns={columns}
      scroll={{ x: 1180 }}
      rowClassName={(r) => (r.target ? 'report-row-link' : '')}
      onRow={(r) => ({
        onClick: (e) => {
          if (r.target && !(e.target as HTMLElement).closest('a')) navigate(r.target);
        },
      })}
      locale={{ emptyText: <Empty description="Không có văn bản đến nào trong kỳ này." /> }}
      summary={() =>
        total && rows.length > 0 ? (
          <Table.Summary fixed>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>Tổng cộng</strong>
              </Table.Summary.Cell>
              {FIGURES.map((f, i) => (
                <Table.Summary.Cell key={f} index={i + 1} align="right">
                  <strong>{RATES.has(f) ? percent(total[f]) : num(total[f])}</strong>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          </Table.Summary>
        ) : null
      }
    />
  );
}

type AccRow = AccountabilityReport['rows'][number];

/** A row of the ranking as the table shows it; its key: the organisation's or the person's id, else "none". */
export type AccTableRow = AccRow & { key: string; name: string };

export function AccountabilityTable({
  data,
  loading,
  selected,
  onSelect,
}: {
  data?: AccountabilityReport;
  loading: boolean;
  selected?: string;
  onSelect: (row: AccTableRow) => void;
}) {
  const rows: AccTableRow[] = (data?.rows ?? []).map((r) => ({
    ...r,
    key: 'organization' in r ? r.organization.id : (r.person?.id ?? 'none'),
    name: 'organization' in r ? r.organization.name : (r.person?.fullName ?? 'Chưa giao người chủ trì'),
  }));
  return (
    <Table<AccTableRow>
      rowKey="key"
      size="small"
      bordered
      pagination={false}
      loading={loading}
      dataSource={rows}
      scroll={{ x: 640 }}
      rowClassName={(r) => (r.key === selected ? 'report-row-link report-row-selected' : 'report-row-link')}
      onRow={(r) => ({ onClick: () => onSelect(r) })}
      locale={{ emptyText: <Empty description="Không ai giữ văn bản quá thời hạn được giao trong kỳ này." /> }}
      columns={[
        { key: 'rank', title: 'Hạng', width: 64, align: 'right', render: (_, __, i) => num(i + 1) },
        {
          key: 'name',
          title: 'Người hoặc đơn vị giữ',
          render: (_, r) => (
            <Button
              type="link"
              style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
              onClick={(e) => {
                e.stopPropagation();
                onSelect(r);
              }}
            >
              {r.name}
            </Button>
          ),
        },
        { key: 'documents', title: 'Số văn bản trễ', width: 120, align: 'right', render: (_, r) => num(r.documents) },
        { key: 'intervals', title: 'Số lần giữ quá hạn', width: 140, align: 'right', render: (_, r) => num(r.intervals) },
        {
          key: 'overrun',
          title: 'Số ngày làm việc vượt hạn',
          width: 160,
          align: 'right',
          render: (_, r) => <span className={r.overrunWorkingDays > 0 ? 'overrun' : undefined}>{num(r.overrunWorkingDays)}</span>,
        },
      ]}
    />
  );
}
