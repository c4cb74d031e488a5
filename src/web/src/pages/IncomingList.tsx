import { useEffect, useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, DatePicker, Empty, Form, Input, Select, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useDocumentPages, type DocumentListItem, type DocumentListQuery } from '../api/queries';
import { errorMessage } from '../api/errors';
import { useSession } from '../auth/session';
import { DOCUMENT_TYPE_NAMES } from '../lib/document-types';
import { documentReference, formatDate, STATUS_LABEL, URGENCY_LABEL } from '../lib/format';
import { UrgencyTag } from '../components/UrgencyTag';
import { loadDocumentView, preloadPdfViewer, preloadWhenIdle } from '../lib/preload';

const INCOMING_STATUSES = ['received', 'registered', 'assigned', 'in_progress', 'completed', 'refused'] as const;
type Filters = Omit<DocumentListQuery, 'cursor' | 'limit'>;

/** The list's filters live in the URL, so a link can be shared and the back button works. */
function filtersFrom(params: URLSearchParams): Filters {
  const f: Filters = { direction: 'incoming' };
  const status = params.get('status');
  if (status && (INCOMING_STATUSES as readonly string[]).includes(status)) f.status = status as Filters['status'];
  const urgency = params.get('urgency');
  if (urgency && urgency in URGENCY_LABEL) f.urgency = urgency as Filters['urgency'];
  const type = params.get('type');
  if (type) f.type = type;
  const q = params.get('q')?.trim();
  if (q) f.q = q;
  for (const k of ['from', 'to'] as const) {
    const v = params.get(k);
    if (v && /^\d{4}-\d{2}-\d{2}$/.test(v)) f[k] = v;
  }
  return f;
}

export default function IncomingList() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { hasRole } = useSession();
  const filters = useMemo(() => filtersFrom(params), [params]);
  useEffect(() => preloadWhenIdle(loadDocumentView), []);
  const pages = useDocumentPages(filters);
  const rows = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);

  function setFilter(key: string, value: string | undefined) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  }

  const columns = [
    { title: 'Số đến', dataIndex: 'incomingNumber', width: 90, render: (n: number | null) => n ?? '' },
    { title: 'Số, ký hiệu', width: 160, render: (_: unknown, d: DocumentListItem) => documentReference(d) },
    {
      title: 'Trích yếu',
      render: (_: unknown, d: DocumentListItem) => (
        <Link to={`/van-ban/${d.id}`} onClick={(e) => e.stopPropagation()}>
          {d.subject}
        </Link>
      ),
    },
    { title: 'Cơ quan ban hành', dataIndex: 'issuerName', width: 200 },
    { title: 'Ngày ban hành', dataIndex: 'promulgationDate', width: 120, render: (v: string | null) => formatDate(v) },
    { title: 'Độ khẩn', dataIndex: 'urgency', width: 110, render: (u: string) => <UrgencyTag urgency={u} /> },
    { title: 'Trạng thái', dataIndex: 'status', width: 120, render: (s: string) => STATUS_LABEL[s] ?? s },
  ];

  const filtered = Object.keys(filters).length > 1;
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          Văn bản đến
        </Typography.Title>
        {hasRole('clerk') && (
          <Button type="primary" onClick={() => navigate('/van-ban-den/tiep-nhan')}>
            Tiếp nhận văn bản đến
          </Button>
        )}
      </Space>
      <Form layout="inline" style={{ margin: '16px 0', rowGap: 8 }} role="search" aria-label="Lọc văn bản đến">
        <Form.Item label="Tìm kiếm" htmlFor="loc-q">
          <Input.Search
            id="loc-q"
            allowClear
            defaultValue={filters.q}
            placeholder="Trích yếu, số, ký hiệu…"
            onSearch={(v) => setFilter('q', v.trim() || undefined)}
            style={{ width: 280 }}
            enterButton="Tìm"
          />
        </Form.Item>
        <Form.Item label="Trạng thái" htmlFor="loc-status">
          <Select
            id="loc-status"
            allowClear
            style={{ width: 160 }}
            value={filters.status}
            onChange={(v) => setFilter('status', v)}
            options={INCOMING_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))}
          />
        </Form.Item>
        <Form.Item label="Độ khẩn" htmlFor="loc-urgency">
          <Select
            id="loc-urgency"
            allowClear
            style={{ width: 140 }}
            value={filters.urgency}
            onChange={(v) => setFilter('urgency', v)}
            options={Object.entries(URGENCY_LABEL).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item label="Loại văn bản" htmlFor="loc-type">
          <Select
            id="loc-type"
            allowClear
            showSearch
            style={{ width: 180 }}
            value={filters.type}
            onChange={(v) => setFilter('type', v)}
            options={DOCUMENT_TYPE_NAMES.map((t) => ({ value: t, label: t }))}
          />
        </Form.Item>
        <Form.Item label="Ngày đến" htmlFor="loc-from">
          <DatePicker.RangePicker
            id={{ start: 'loc-from', end: 'loc-to' }}
            format="DD/MM/YYYY"
            value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
            onChange={(r) => {
              const next = new URLSearchParams(params);
              const [a, b] = r ?? [null, null];
              if (a) next.set('from', a.format('YYYY-MM-DD'));
              else next.delete('from');
              if (b) next.set('to', b.format('YYYY-MM-DD'));
              else next.delete('to');
              setParams(next, { replace: true });
            }}
          />
        </Form.Item>
      </Form>
      {pages.isError && <Alert type="error" showIcon message={errorMessage(pages.error)} />}
      <Typography.Paragraph aria-live="polite">
        {pages.isPending ? 'Đang tải…' : `${rows.length.toLocaleString('vi-VN')}${pages.hasNextPage ? '+' : ''} văn bản`}
      </Typography.Paragraph>
      <Table<DocumentListItem>
        rowKey="id"
        size="middle"
        virtual
        scroll={{ x: 1000, y: 600 }}
        // Not while a next page loads: the spinner's blur takes pointer events from the list (the wheel
        // stops scrolling it mid-list) and repaints every row once per page.
        loading={pages.isPending}
        columns={columns}
        dataSource={rows}
        pagination={false}
        onRow={(d) => ({
          onClick: () => navigate(`/van-ban/${d.id}`),
          style: { cursor: 'pointer' },
          onPointerEnter: preloadPdfViewer,
          onFocus: preloadPdfViewer,
        })}
        // Keyset infinite scroll: the next page is fetched when the end of the list comes near.
        onScroll={(e) => {
          const el = e.currentTarget;
          if (el.scrollHeight - el.scrollTop - el.clientHeight < 400 && pages.hasNextPage && !pages.isFetchingNextPage)
            void pages.fetchNextPage();
        }}
        locale={{
          emptyText: <Empty description={filtered ? 'Không có văn bản đến nào khớp với điều kiện lọc.' : 'Chưa có văn bản đến nào.'} />,
        }}
      />
      {pages.hasNextPage && (
        <Button style={{ marginTop: 8 }} onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
          Tải thêm
        </Button>
      )}
    </>
  );
}
