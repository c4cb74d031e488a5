import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Segmented, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api, unwrap } from '../api/client';
import { errorMessage } from '../api/errors';
import type { AccountabilityReport, HandlingReport } from '../api/queries';
import { Loading } from './Loading';
import { documentReference, formatDate, formatNumber, ROLE_LABEL } from '../lib/format';

// The tables of Báo cáo (pages/Reports.tsx): the handling report, the accountability ranking and
// one person's documents.
export type Counts = HandlingReport['total'];
/** A row of the handling table: its figures, its name, and the report one level down (none for "no one named"). */
export type Row = Counts & { key: string; name: string; target?: string };
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
type DocStatus = 'overdue' | 'open' | 'done';
const DOC_STATUS: Record<DocStatus, string> = { overdue: 'Quá hạn', open: 'Đang xử lý', done: 'Đã giải quyết' };
/** Assignments read for one person's documents (the leader's subtree list, then filtered to that person). */
const DOCS_PAGE = 200;

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
      return danger && v > 0 ? <span className="overrun">{num(v)}</span> : num(v);
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

export function AccountabilityTable({ data, loading }: { data?: AccountabilityReport; loading: boolean }) {
  const rows = (data?.rows ?? []).map((r, i) => ({
    ...r,
    key: 'organization' in r ? r.organization.id : (r.person?.id ?? `none-${i}`),
    name: 'organization' in r ? r.organization.name : (r.person?.fullName ?? 'Chưa giao người chủ trì'),
  }));
  return (
    <Table<AccRow & { key: string; name: string }>
      rowKey="key"
      size="small"
      bordered
      pagination={false}
      loading={loading}
      dataSource={rows}
      scroll={{ x: 640 }}
      locale={{ emptyText: <Empty description="Không ai giữ văn bản quá thời hạn được giao trong kỳ này." /> }}
      columns={[
        { key: 'rank', title: 'Hạng', width: 64, align: 'right', render: (_, __, i) => num(i + 1) },
        { key: 'name', title: 'Người hoặc đơn vị giữ', render: (_, r) => r.name },
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

/** The documents one person leads in a unit (the leader's subtree work list of that unit, that person's items). */
export function PersonDocuments({ orgId, personId, name }: { orgId: string; personId: string; name?: string }) {
  const [status, setStatus] = useState<DocStatus>('overdue');
  const work = useQuery({
    queryKey: ['assignments', 'subtree', orgId, status, DOCS_PAGE],
    queryFn: () =>
      unwrap(api.GET('/api/v1/assignments', { params: { query: { scope: 'subtree', status, organizationId: orgId, limit: DOCS_PAGE } } })),
  });
  const items = (work.data?.items ?? []).filter((a) => a.assigneeUserId === personId);
  return (
    <section aria-labelledby="h-van-ban-nguoi">
      <Typography.Title level={2} id="h-van-ban-nguoi" style={{ fontSize: 18 }}>
        Văn bản do {name ?? 'người này'} chủ trì
      </Typography.Title>
      <Segmented
        aria-label="Tình trạng"
        value={status}
        onChange={(v) => setStatus(v as DocStatus)}
        options={Object.entries(DOC_STATUS).map(([value, label]) => ({ value, label }))}
        style={{ marginBottom: 12 }}
      />
      {work.isError ? (
        <Alert type="error" showIcon message={errorMessage(work.error)} />
      ) : work.isPending ? (
        <Loading label="Đang tải văn bản" />
      ) : (
        <>
          {work.data.nextCursor && (
            <Typography.Paragraph type="secondary">Trong {formatNumber(DOCS_PAGE)} việc mới nhất của đơn vị.</Typography.Paragraph>
          )}
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={items}
            scroll={{ x: 640 }}
            locale={{ emptyText: <Empty description="Không có văn bản nào ở tình trạng này." /> }}
            columns={[
              {
                key: 'subject',
                title: 'Trích yếu',
                render: (_, a) => (
                  <>
                    <Link to={`/van-ban/${a.documentId}`}>{a.document.subject}</Link>
                    <div>{documentReference(a.document)}</div>
                  </>
                ),
              },
              { key: 'role', title: 'Vai trò', width: 110, render: (_, a) => ROLE_LABEL[a.role] },
              { key: 'due', title: 'Hạn xử lý', width: 110, render: (_, a) => formatDate(a.dueDate) },
              {
                key: 'state',
                title: 'Tình trạng',
                width: 120,
                render: (_, a) => (a.overdue ? <Tag color="red">Quá hạn</Tag> : a.completedAt ? 'Đã giải quyết' : 'Đang xử lý'),
              },
            ]}
          />
        </>
      )}
    </section>
  );
}
