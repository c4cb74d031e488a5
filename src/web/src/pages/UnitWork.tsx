import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Alert, Breadcrumb, Empty, Result, Segmented, Table, Tag, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import { errorMessage, isNotFound } from '../api/errors';
import type { WorkItem } from '../api/queries';
import { useSession } from '../auth/session';
import { Loading } from '../components/Loading';
import { documentReference, formatDate, formatNumber, ROLE_LABEL } from '../lib/format';

type Status = 'open' | 'overdue';
const STATUS_TITLE: Record<Status, string> = { open: 'Chờ xử lý', overdue: 'Quá hạn' };
/** The people table groups the first page of this many items; the count above it is the server's total. */
const PEOPLE_PAGE = 200;

const countText = (total: number | undefined, estimate: boolean | undefined) =>
  total === undefined ? '…' : `${estimate ? '~' : ''}${formatNumber(total)}`;

type Holder = { key: string; name: string; items: WorkItem[]; overdue: number };

/**
 * A leader follows the work under them: for a unit of their subtree, the units directly under it with
 * how many assignments each holds (open or overdue, the server's count over the whole subtree, most
 * first; a click goes one level down), and who holds that work, person by person (or unit), each with
 * their documents. Unit → person → document, each one click.
 */
export default function UnitWork() {
  const { id: idParam } = useParams();
  const [params, setParams] = useSearchParams();
  const status: Status = params.get('status') === 'overdue' ? 'overdue' : 'open';
  const { me } = useSession();
  const leaderOrgs = useMemo(() => me?.roles.filter((r) => r.role === 'leader').map((r) => r.organizationId) ?? [], [me]);
  const id = idParam ?? leaderOrgs[0];

  const org = useQuery({
    queryKey: ['organization', id],
    enabled: id !== undefined,
    staleTime: 5 * 60_000,
    queryFn: () => unwrap(api.GET('/api/v1/organizations/{id}', { params: { path: { id: id! } } })),
  });
  const children = useQuery({
    queryKey: ['organization-children', id],
    enabled: id !== undefined,
    staleTime: 5 * 60_000,
    queryFn: () =>
      unwrap(api.GET('/api/v1/organizations/{id}/subtree', { params: { path: { id: id! }, query: { depth: 1, limit: 500 } } })),
  });
  const units = (children.data?.items ?? []).filter((u) => u.id !== id);
  const counts = useQueries({
    queries: units.map((u) => ({
      queryKey: ['assignments', 'subtree-count', u.id, status],
      queryFn: () =>
        unwrap(api.GET('/api/v1/assignments', { params: { query: { scope: 'subtree', status, organizationId: u.id, limit: 1 } } })),
    })),
  });
  const work = useQuery({
    queryKey: ['assignments', 'subtree', id, status],
    enabled: id !== undefined,
    queryFn: () =>
      unwrap(api.GET('/api/v1/assignments', { params: { query: { scope: 'subtree', status, organizationId: id, limit: PEOPLE_PAGE } } })),
  });

  const unitRows = units
    .map((u, i) => ({ ...u, total: counts[i]?.data?.total, estimate: counts[i]?.data?.totalIsEstimate }))
    .sort((a, b) => (b.total ?? -1) - (a.total ?? -1) || a.name.localeCompare(b.name, 'vi'));
  const holders = useMemo(() => {
    const by = new Map<string, Holder>();
    for (const a of work.data?.items ?? []) {
      const key = a.assigneeUserId ?? a.assigneeUnitId ?? a.id;
      const h = by.get(key) ?? { key, name: a.assigneeUserName ?? a.assigneeUnitName ?? '', items: [], overdue: 0 };
      h.items.push(a);
      if (a.overdue) h.overdue++;
      by.set(key, h);
    }
    return [...by.values()].sort((a, b) => b.items.length - a.items.length || a.name.localeCompare(b.name, 'vi'));
  }, [work.data]);

  if (id === undefined) return <Result status="info" title="Bạn không phụ trách đơn vị nào." />;
  if (org.isError || work.isError) {
    const err = org.error ?? work.error;
    if (isNotFound(err)) return <Result status="404" title="Không tìm thấy đơn vị" subTitle="Đơn vị không thuộc phạm vi bạn phụ trách." />;
    return <Alert type="error" showIcon message={errorMessage(err)} />;
  }
  // The path from the unit the leader heads down to this one.
  const chain = org.data ? [...org.data.ancestors, org.data] : [];
  const top = chain.findIndex((o) => leaderOrgs.includes(o.id));
  const trail = top >= 0 ? chain.slice(top) : chain.slice(-1);
  const link = (unitId: string) => `/don-vi/${unitId}${status === 'overdue' ? '?status=overdue' : ''}`;

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        Công việc các đơn vị: {STATUS_TITLE[status]}
      </Typography.Title>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={trail.map((o, i) => ({ key: o.id, title: i === trail.length - 1 ? o.name : <Link to={link(o.id)}>{o.name}</Link> }))}
      />
      <Segmented
        aria-label="Tình trạng"
        value={status}
        onChange={(v) => setParams(v === 'overdue' ? { status: 'overdue' } : {}, { replace: true })}
        options={Object.entries(STATUS_TITLE).map(([value, label]) => ({ value, label }))}
        style={{ marginBottom: 16 }}
      />
      <Typography.Paragraph>
        Tổng số việc {STATUS_TITLE[status].toLowerCase()} trong {org.data?.name ?? 'đơn vị'}:{' '}
        <strong>{countText(work.data?.total, work.data?.totalIsEstimate)}</strong>
      </Typography.Paragraph>
      {units.length > 0 && (
        <section aria-labelledby="h-don-vi-truc-thuoc" style={{ marginBottom: 24 }}>
          <Typography.Title level={2} id="h-don-vi-truc-thuoc" style={{ fontSize: 18 }}>
            Đơn vị trực thuộc
          </Typography.Title>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            loading={children.isPending}
            dataSource={unitRows}
            columns={[
              { title: 'Đơn vị', render: (_, u) => <Link to={link(u.id)}>{u.name}</Link> },
              {
                title: STATUS_TITLE[status],
                width: 140,
                align: 'right',
                render: (_, u) =>
                  status === 'overdue' && u.total ? (
                    <span className="overrun">{countText(u.total, u.estimate)} quá hạn</span>
                  ) : (
                    countText(u.total, u.estimate)
                  ),
              },
            ]}
          />
        </section>
      )}
      <section aria-labelledby="h-nguoi-xu-ly">
        <Typography.Title level={2} id="h-nguoi-xu-ly" style={{ fontSize: 18 }}>
          Theo người xử lý
        </Typography.Title>
        {work.isPending ? (
          <Loading label="Đang tải công việc" />
        ) : (
          <>
            {work.data.nextCursor && (
              <Typography.Paragraph type="secondary">
                Nhóm theo {formatNumber(PEOPLE_PAGE)} việc mới nhất; chọn một đơn vị trực thuộc để xem chi tiết.
              </Typography.Paragraph>
            )}
            <Table<Holder>
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={holders}
              locale={{
                emptyText: (
                  <Empty
                    description={status === 'overdue' ? 'Không có việc nào quá hạn ở đây.' : 'Không có việc nào đang chờ xử lý ở đây.'}
                  />
                ),
              }}
              expandable={{
                expandRowByClick: true,
                expandedRowRender: (h) => (
                  <ul className="holder-documents">
                    {h.items.map((a) => (
                      <li key={a.id}>
                        <Link to={`/van-ban/${a.documentId}`}>{a.document.subject}</Link> {documentReference(a.document)} ·{' '}
                        {ROLE_LABEL[a.role]}
                        {a.dueDate && ` · Hạn xử lý ${formatDate(a.dueDate)}`}
                        {a.overdue && (
                          <Tag color="red" style={{ marginLeft: 8 }}>
                            Quá hạn
                          </Tag>
                        )}
                      </li>
                    ))}
                  </ul>
                ),
              }}
              columns={[
                { title: 'Người / đơn vị xử lý', render: (_, h) => h.name },
                { title: 'Số việc', width: 100, align: 'right', render: (_, h) => formatNumber(h.items.length) },
                {
                  title: 'Quá hạn',
                  width: 120,
                  align: 'right',
                  render: (_, h) => (h.overdue ? <span className="overrun">{formatNumber(h.overdue)} quá hạn</span> : '0'),
                },
              ]}
            />
          </>
        )}
      </section>
    </>
  );
}
