import { useEffect, useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Empty, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useWorkPages, type WorkItem, type WorkListQuery } from '../api/queries';
import { errorMessage } from '../api/errors';
import { useSession } from '../auth/session';
import { documentReference, formatDate, ROLE_LABEL, todayIso } from '../lib/format';
import { UrgencyTag } from '../components/UrgencyTag';
import { loadDocumentView, preloadPdfViewer, preloadWhenIdle } from '../lib/preload';

const STATUS_TITLE = { open: 'Chờ xử lý', overdue: 'Quá hạn', done: 'Đã hoàn thành' } as const;
const SOON_DAYS = 3;

export default function AssignmentList() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { hasRole } = useSession();
  const scope: WorkListQuery['scope'] = params.get('scope') === 'unit' ? 'unit' : 'mine';
  const statusParam = params.get('status');
  const status: NonNullable<WorkListQuery['status']> = statusParam === 'overdue' || statusParam === 'done' ? statusParam : 'open';
  const soonOnly = params.get('sap-den-han') === '1';
  useEffect(() => preloadWhenIdle(loadDocumentView), []);
  const pages = useWorkPages({ scope, status });
  const soonLimit = useMemo(() => {
    const d = new Date(`${todayIso()}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + SOON_DAYS);
    return d.toISOString().slice(0, 10);
  }, []);
  const rows = useMemo(() => {
    const all = pages.data?.pages.flatMap((p) => p.items) ?? [];
    return soonOnly ? all.filter((a) => a.dueDate !== null && a.dueDate <= soonLimit && !a.overdueSince) : all;
  }, [pages.data, soonOnly, soonLimit]);

  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'sap-den-han') next.delete('sap-den-han');
    setParams(next, { replace: true });
  };

  const title = `${scope === 'unit' ? 'Việc của đơn vị' : 'Việc của tôi'}: ${soonOnly ? 'Sắp đến hạn' : STATUS_TITLE[status]}`;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {title}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        {hasRole('leader') && (
          <Segmented
            aria-label="Phạm vi"
            value={scope}
            onChange={(v) => set('scope', v === 'unit' ? 'unit' : null)}
            options={[
              { value: 'mine', label: 'Của tôi' },
              { value: 'unit', label: 'Của đơn vị' },
            ]}
          />
        )}
        <Segmented
          aria-label="Tình trạng"
          value={status}
          onChange={(v) => set('status', String(v))}
          options={Object.entries(STATUS_TITLE).map(([value, label]) => ({ value, label }))}
        />
      </Space>
      {pages.isError && <Alert type="error" showIcon message={errorMessage(pages.error)} />}
      <Table<WorkItem>
        rowKey="id"
        virtual
        scroll={{ x: 900, y: 600 }}
        pagination={false}
        // Not while a next page loads: the spinner's blur takes pointer events from the list (the wheel
        // stops scrolling it mid-list) and repaints every row once per page.
        loading={pages.isPending}
        dataSource={rows}
        onRow={(a) => ({
          onClick: () => navigate(`/van-ban/${a.documentId}`),
          style: { cursor: 'pointer' },
          onPointerEnter: preloadPdfViewer,
          onFocus: preloadPdfViewer,
        })}
        onScroll={(e) => {
          const el = e.currentTarget;
          if (el.scrollHeight - el.scrollTop - el.clientHeight < 400 && pages.hasNextPage && !pages.isFetchingNextPage)
            void pages.fetchNextPage();
        }}
        locale={{ emptyText: <Empty description={status === 'overdue' ? 'Không có việc nào quá hạn.' : 'Không có việc nào ở đây.'} /> }}
        columns={[
          { title: 'Số đến', width: 80, render: (_, a) => a.document.incomingNumber ?? '' },
          { title: 'Số, ký hiệu', width: 150, render: (_, a) => documentReference(a.document) },
          { title: 'Trích yếu', render: (_, a) => <Link to={`/van-ban/${a.documentId}`}>{a.document.subject}</Link> },
          { title: 'Vai trò', width: 110, render: (_, a) => ROLE_LABEL[a.role] },
          { title: 'Người / đơn vị xử lý', width: 200, render: (_, a) => a.assigneeUserName ?? a.assigneeUnitName ?? '' },
          { title: 'Độ khẩn', width: 110, render: (_, a) => <UrgencyTag urgency={a.document.urgency} /> },
          {
            title: 'Hạn xử lý',
            width: 150,
            render: (_, a) => (
              <span>
                {formatDate(a.dueDate)} {a.overdueSince && <Tag color="red">Quá hạn</Tag>}
              </span>
            ),
          },
        ]}
      />
    </>
  );
}
