import { Link } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Segmented, Table, Tag, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import { errorMessage } from '../api/errors';
import type { paths } from '../api/schema';
import { Loading } from './Loading';
import { documentReference, formatDate, formatDateTime, formatNumber } from '../lib/format';

// The last levels of Báo cáo (pages/Reports.tsx): the documents behind a figure of the handling
// report (GET /reports/handling/documents) and the late custody behind a row of the
// accountability ranking (GET /reports/accountability/items). Both answer exactly the report's counts.

/** The person key of "no named person" rows (the server's NO_PERSON). */
export const NO_PERSON = '00000000-0000-0000-0000-000000000000';

export type Category = paths['/api/v1/reports/handling/documents']['get']['parameters']['query']['category'];
export const CATEGORY_LABEL: Record<Category, string> = {
  carriedOver: 'Tồn kỳ trước',
  received: 'Tiếp nhận trong kỳ',
  doneOnTime: 'Đã giải quyết đúng hạn',
  doneLate: 'Đã giải quyết trễ hạn',
  openInTime: 'Đang giải quyết trong hạn',
  openOverdue: 'Đang giải quyết quá hạn',
};
export const isCategory = (v: string | null | undefined): v is Category => v != null && v in CATEGORY_LABEL;

const PAGE = 50;
const RESTRICTED = 'Văn bản mật hoặc ngoài phạm vi được xem';
const CUSTODY_ROLE: Record<string, string> = {
  clerk: 'Văn thư vào sổ',
  leader: 'Lãnh đạo cho ý kiến',
  lead: 'Chủ trì',
  coordinate: 'Phối hợp',
};

type Period = { from: string; to: string };
type DocItem = paths['/api/v1/reports/handling/documents']['get']['responses']['200']['content']['application/json']['items'][number];
type LateItem = paths['/api/v1/reports/accountability/items']['get']['responses']['200']['content']['application/json']['items'][number];

function MoreButton({ q }: { q: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown } }) {
  return q.hasNextPage ? (
    <Button style={{ marginTop: 12 }} onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage}>
      Xem thêm
    </Button>
  ) : null;
}

/** The documents one person leads in the report's unit, for the period, by category of the report. */
export function PersonDocuments({
  orgId,
  personId,
  name,
  period,
  category,
  onCategory,
}: {
  orgId: string;
  personId: string;
  name?: string;
  period: Period;
  category: Category;
  onCategory: (c: Category) => void;
}) {
  const query = { organizationId: orgId, from: period.from, to: period.to, personId, category };
  const docs = useInfiniteQuery({
    queryKey: ['report-documents', query],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/reports/handling/documents', { params: { query: { ...query, limit: PAGE, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = docs.data?.pages.flatMap((p) => p.items) ?? [];
  const who = personId === NO_PERSON ? 'chưa giao người chủ trì' : `do ${name ?? 'người này'} chủ trì`;
  return (
    <section aria-labelledby="h-van-ban-nguoi">
      <Typography.Title level={2} id="h-van-ban-nguoi" style={{ fontSize: 18 }}>
        Văn bản {who}
      </Typography.Title>
      <div style={{ maxWidth: '100%', overflowX: 'auto', marginBottom: 12 }}>
        <Segmented
          aria-label="Chỉ tiêu"
          value={category}
          onChange={(v) => onCategory(v as Category)}
          options={Object.entries(CATEGORY_LABEL).map(([value, label]) => ({ value, label }))}
        />
      </div>
      {docs.isError ? (
        <Alert type="error" showIcon message={errorMessage(docs.error)} />
      ) : docs.isPending ? (
        <Loading label="Đang tải văn bản" />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {CATEGORY_LABEL[category]}: {formatNumber(docs.data.pages[0].total)} văn bản, từ {formatDate(period.from)} đến{' '}
            {formatDate(period.to)}.
          </Typography.Paragraph>
          <Table<DocItem>
            rowKey="documentId"
            size="small"
            pagination={false}
            dataSource={items}
            scroll={{ x: 900 }}
            locale={{ emptyText: <Empty description="Không có văn bản nào ở chỉ tiêu này." /> }}
            columns={[
              { key: 'in', title: 'Số đến', width: 80, align: 'right', render: (_, d) => d.incomingNumber ?? '' },
              {
                key: 'subject',
                title: 'Số, ký hiệu và trích yếu',
                render: (_, d) =>
                  d.restricted ? (
                    <Typography.Text type="secondary">{RESTRICTED}</Typography.Text>
                  ) : (
                    <>
                      <Link to={`/van-ban/${d.documentId}`}>{d.subject}</Link>
                      <div>
                        {d.typeName} {documentReference(d)}
                      </div>
                    </>
                  ),
              },
              { key: 'issuer', title: 'Cơ quan ban hành', width: 180, render: (_, d) => d.issuerName ?? '' },
              { key: 'received', title: 'Ngày đến', width: 100, render: (_, d) => formatDate(d.receivedOn) },
              { key: 'due', title: 'Hạn giải quyết', width: 110, render: (_, d) => formatDate(d.dueOn) },
              {
                key: 'done',
                title: 'Ngày hoàn thành',
                width: 130,
                render: (_, d) =>
                  d.doneOn ? (
                    <>
                      {formatDate(d.doneOn)} {d.doneLate && <Tag color="red">Trễ hạn</Tag>}
                    </>
                  ) : category === 'openOverdue' ? (
                    <Tag color="red">Quá hạn</Tag>
                  ) : (
                    'Đang giải quyết'
                  ),
              },
            ]}
          />
          <MoreButton q={docs} />
        </>
      )}
    </section>
  );
}

/** Which custody a ranking row sums: a person, a child unit's subtree, or the organisation's own units. */
export type LateNarrowing = { organizationId: string; personId?: string; unitId?: string; label: string };

/** The late custody intervals behind one row of "Trách nhiệm chậm trễ", most working days beyond the allowance first. */
export function AccountabilityItems({ narrowing, period }: { narrowing: LateNarrowing; period: Period }) {
  const { label, ...filter } = narrowing;
  const query = { ...filter, from: period.from, to: period.to };
  const late = useInfiniteQuery({
    queryKey: ['report-late-items', query],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(api.GET('/api/v1/reports/accountability/items', { params: { query: { ...query, limit: PAGE, cursor: pageParam } } })),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = late.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="h-luot-giu" style={{ marginTop: 16 }}>
      <Typography.Title level={3} id="h-luot-giu" style={{ fontSize: 16 }}>
        Các lượt giữ văn bản quá hạn: {label}
      </Typography.Title>
      {late.isError ? (
        <Alert type="error" showIcon message={errorMessage(late.error)} />
      ) : late.isPending ? (
        <Loading label="Đang tải các lượt giữ quá hạn" />
      ) : (
        <>
          <Table<LateItem>
            rowKey="intervalId"
            size="small"
            pagination={false}
            dataSource={items}
            scroll={{ x: 900 }}
            locale={{ emptyText: <Empty description="Không có lượt giữ quá hạn nào." /> }}
            columns={[
              {
                key: 'doc',
                title: 'Số, ký hiệu và trích yếu',
                render: (_, i) =>
                  i.restricted ? (
                    <Typography.Text type="secondary">{RESTRICTED}</Typography.Text>
                  ) : (
                    <>
                      <Link to={`/van-ban/${i.documentId}`}>{i.subject}</Link>
                      <div>{documentReference(i)}</div>
                    </>
                  ),
              },
              {
                key: 'holder',
                title: 'Người hoặc đơn vị giữ',
                width: 200,
                render: (_, i) => (
                  <>
                    {i.holder.person?.fullName ?? i.holder.unit?.name}
                    {i.holder.person && i.holder.unit && <div>{i.holder.unit.name}</div>}
                  </>
                ),
              },
              { key: 'role', title: 'Vai trò', width: 130, render: (_, i) => CUSTODY_ROLE[i.role] ?? i.role },
              {
                key: 'span',
                title: 'Giữ từ, đến',
                width: 190,
                render: (_, i) => (
                  <>
                    {formatDateTime(i.startedAt)}
                    <div>{i.endedAt ? formatDateTime(i.endedAt) : 'Đang giữ'}</div>
                  </>
                ),
              },
              {
                key: 'allowance',
                title: 'Hạn, số ngày được giao',
                width: 150,
                render: (_, i) =>
                  `${formatDate(i.dueOn)}${i.allottedWorkingDays === null ? '' : ` (${formatNumber(i.allottedWorkingDays)} ngày)`}`,
              },
              {
                key: 'overrun',
                title: 'Số ngày làm việc vượt hạn',
                width: 150,
                align: 'right',
                render: (_, i) => <span className="overrun">{formatNumber(i.overrunWorkingDays)}</span>,
              },
            ]}
          />
          <MoreButton q={late} />
        </>
      )}
    </section>
  );
}
