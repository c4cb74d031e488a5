import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Segmented, Space, Table, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import { useDocumentPages, type ApprovalItem, type DocumentListItem, type DocumentListQuery } from '../api/queries';
import { errorMessage } from '../api/errors';
import { documentReference, formatDate, STATUS_LABEL } from '../lib/format';
import { UrgencyTag } from '../components/UrgencyTag';

const STATUSES = ['draft', 'in_approval', 'returned', 'approved', 'signed', 'issued'] as const;
type Status = (typeof STATUSES)[number];

/** What awaits the caller's decision (their approval steps and their delegates'), then the outgoing documents by status. */
export default function OutgoingList() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const statusParam = params.get('status');
  const status = (STATUSES as readonly string[]).includes(statusParam ?? '') ? (statusParam as Status) : undefined;
  const approvals = useQuery({
    queryKey: ['approvals', 'pending'],
    queryFn: () => unwrap(api.GET('/api/v1/approvals', { params: { query: { status: 'pending', limit: 200 } } })),
  });
  const filters = useMemo<Omit<DocumentListQuery, 'cursor' | 'limit'>>(() => ({ direction: 'outgoing', status }), [status]);
  const pages = useDocumentPages(filters);
  const rows = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  const pending = approvals.data?.items ?? [];

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          Văn bản đi
        </Typography.Title>
        <Button type="primary" onClick={() => navigate('/du-thao/moi')}>
          Soạn dự thảo
        </Button>
      </Space>
      <section aria-labelledby="h-cho-duyet" style={{ margin: '16px 0' }}>
        <Typography.Title level={2} id="h-cho-duyet" style={{ fontSize: 18 }}>
          Chờ tôi duyệt ({pending.length})
        </Typography.Title>
        {approvals.isError && <Alert type="error" showIcon message={errorMessage(approvals.error)} />}
        <Table<ApprovalItem>
          rowKey="stepId"
          size="small"
          pagination={false}
          loading={approvals.isPending}
          dataSource={pending}
          locale={{ emptyText: <Empty description="Không có dự thảo nào chờ bạn duyệt." /> }}
          columns={[
            { title: 'Trích yếu', render: (_, a) => <Link to={`/du-thao/${a.draftId}`}>{a.subject}</Link> },
            { title: 'Loại văn bản', width: 140, render: (_, a) => a.type },
            { title: 'Bước', width: 200, render: (_, a) => `${a.stepName}${a.isSigningStep ? ' (ký ban hành)' : ''}` },
            { title: 'Hạn duyệt', width: 120, render: (_, a) => formatDate(a.dueDate) },
          ]}
        />
      </section>
      <section aria-labelledby="h-van-ban-di">
        <Typography.Title level={2} id="h-van-ban-di" style={{ fontSize: 18 }}>
          Dự thảo và văn bản đi
        </Typography.Title>
        <Segmented
          aria-label="Trạng thái"
          value={status ?? 'all'}
          onChange={(v) => setParams(v === 'all' ? {} : { status: String(v) }, { replace: true })}
          options={[{ value: 'all', label: 'Tất cả' }, ...STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))]}
          style={{ marginBottom: 12, maxWidth: '100%', overflowX: 'auto' }}
        />
        {pages.isError && <Alert type="error" showIcon message={errorMessage(pages.error)} />}
        <Table<DocumentListItem>
          rowKey="id"
          size="small"
          virtual
          scroll={{ x: 800, y: 600 }}
          pagination={false}
          // Not while a next page loads: the spinner's blur takes pointer events from the list (the wheel
          // stops scrolling it mid-list) and repaints every row once per page.
          loading={pages.isPending}
          dataSource={rows}
          onScroll={(e) => {
            const el = e.currentTarget;
            if (el.scrollHeight - el.scrollTop - el.clientHeight < 400 && pages.hasNextPage && !pages.isFetchingNextPage)
              void pages.fetchNextPage();
          }}
          locale={{ emptyText: <Empty description="Không có văn bản đi nào ở trạng thái này." /> }}
          columns={[
            { title: 'Số, ký hiệu', width: 150, render: (_, d) => documentReference(d) },
            { title: 'Trích yếu', render: (_, d) => <Link to={`/du-thao/${d.id}`}>{d.subject}</Link> },
            { title: 'Loại văn bản', width: 130, render: (_, d) => d.type },
            { title: 'Ngày ban hành', width: 120, render: (_, d) => formatDate(d.promulgationDate) },
            { title: 'Độ khẩn', width: 100, render: (_, d) => <UrgencyTag urgency={d.urgency} /> },
            { title: 'Trạng thái', width: 130, render: (_, d) => STATUS_LABEL[d.status] ?? d.status },
          ]}
        />
      </section>
    </>
  );
}
