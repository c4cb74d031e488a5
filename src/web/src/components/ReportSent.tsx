import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Segmented, Space, Table, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import { errorMessage } from '../api/errors';
import type { paths } from '../api/schema';
import { ExportButtons } from './ReportExportButtons';
import { formatDate, formatNumber } from '../lib/format';

// "Văn bản đã gửi" of Báo cáo (pages/Reports.tsx): the sender's view (GET /reports/sent), where the
// copies the unit and its subtree sent stand at their recipients, per recipient level or recipient.

type SentReportDto = Exclude<paths['/api/v1/reports/sent']['get']['responses']['200']['content']['application/json'], string>;
type SentRow = SentReportDto['rows'][number];
type Counts = SentReportDto['total'];
type GroupBy = 'level' | 'recipient';

const LEVEL_LABEL: Record<SentRow['level'], string> = {
  central: 'Trung ương',
  province: 'Cấp tỉnh',
  district: 'Cấp huyện',
  commune: 'Cấp xã',
  other: 'Khác',
};
const FIGURES: { key: keyof Counts; title: string }[] = [
  { key: 'sent', title: 'Số văn bản đã gửi' },
  { key: 'notRegistered', title: 'Chưa vào sổ' },
  { key: 'inProgress', title: 'Đang giải quyết' },
  { key: 'finished', title: 'Đã giải quyết' },
  { key: 'refused', title: 'Từ chối nhận' },
  { key: 'late', title: 'Trễ hạn' },
];

export function SentReport({ orgId, orgName, period }: { orgId: string; orgName?: string; period: { from: string; to: string } }) {
  const [groupBy, setGroupBy] = useState<GroupBy>('level');
  const query = { organizationId: orgId, from: period.from, to: period.to, groupBy };
  const report = useQuery({
    queryKey: ['report-sent', query],
    queryFn: async () => (await unwrap(api.GET('/api/v1/reports/sent', { params: { query } }))) as SentReportDto,
  });
  const rows = (report.data?.rows ?? []).map((r, i) => ({
    ...r,
    key: `${r.level}-${r.recipient?.organizationId ?? r.recipient?.code ?? i}`,
  }));
  const first = groupBy === 'recipient' ? 2 : 1;
  return (
    <section aria-labelledby="h-van-ban-di">
      <Typography.Title level={2} id="h-van-ban-di" style={{ fontSize: 18 }}>
        Văn bản đã gửi: {orgName ?? ''}, từ {formatDate(period.from)} đến {formatDate(period.to)}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
        <Segmented
          aria-label="Nhóm theo nơi nhận"
          value={groupBy}
          onChange={(v) => setGroupBy(v === 'recipient' ? 'recipient' : 'level')}
          options={[
            { value: 'level', label: 'Theo cấp nhận' },
            { value: 'recipient', label: 'Theo nơi nhận' },
          ]}
        />
        <ExportButtons path="/api/v1/reports/sent" query={query} name={`bao-cao-giai-quyet-van-ban-di-${period.from}-${period.to}`} />
      </Space>
      {report.isError ? (
        <Alert type="error" showIcon message={errorMessage(report.error)} />
      ) : (
        <Table
          rowKey="key"
          size="small"
          bordered
          pagination={false}
          loading={report.isPending}
          dataSource={rows}
          scroll={{ x: 860 }}
          locale={{ emptyText: <Empty description="Không gửi văn bản nào trong kỳ này." /> }}
          columns={[
            { key: 'level', title: 'Cấp nhận', width: 110, render: (_, r) => LEVEL_LABEL[r.level] },
            ...(groupBy === 'recipient'
              ? [{ key: 'recipient', title: 'Nơi nhận', render: (_: unknown, r: SentRow) => r.recipient?.name }]
              : []),
            ...FIGURES.map((f) => ({
              key: f.key,
              title: f.title,
              width: 110,
              align: 'right' as const,
              render: (_: unknown, r: SentRow) =>
                f.key === 'late' && r.late > 0 ? <span className="overrun">{formatNumber(r.late)}</span> : formatNumber(r[f.key]),
            })),
          ]}
          summary={() =>
            report.data && rows.length > 0 ? (
              <Table.Summary fixed>
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={first}>
                    <strong>Tổng cộng</strong>
                  </Table.Summary.Cell>
                  {FIGURES.map((f, i) => (
                    <Table.Summary.Cell key={f.key} index={first + i} align="right">
                      <strong>{formatNumber(report.data.total[f.key])}</strong>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              </Table.Summary>
            ) : null
          }
        />
      )}
    </section>
  );
}
