import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Modal, Select, Table, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import { errorMessage } from '../api/errors';
import type { paths } from '../api/schema';
import { formatDateTime } from '../lib/format';

type Delivery = paths['/api/v1/documents/{id}/deliveries']['get']['responses']['200']['content']['application/json']['items'][number];

const STATE: Record<string, string> = { pending: 'Đang gửi', delivered: 'Đã gửi', dead: 'Gửi lỗi', recalled: 'Đã thu hồi' };

type Picked = { value: string; label: string };

/** An external agency from the axis directory is picked as `axis:<code>`; our own units by id. */
const AXIS_PREFIX = 'axis:';

/**
 * Recipients found as one types, words in any order, with or without diacritics: our own units
 * (the server's unit search) and the agencies of the national axis directory (ministries, other
 * provinces), which the dispatch reaches through the axis.
 */
function RecipientPicker({ id, value, onChange }: { id: string; value: Picked[]; onChange: (v: Picked[]) => void }) {
  const [q, setQ] = useState('');
  const units = useQuery({
    queryKey: ['unit-search', q],
    placeholderData: (prev) => prev,
    queryFn: () => unwrap(api.GET('/api/v1/organizations', { params: { query: { q: q || undefined, limit: 50 } } })),
  });
  const agencies = useQuery({
    queryKey: ['agency-search', q],
    placeholderData: (prev) => prev,
    queryFn: () => unwrap(api.GET('/api/v1/exchange/agencies', { params: { query: { q: q || undefined, limit: 20 } } })),
  });
  const own = units.data?.items ?? [];
  const external = agencies.data?.items ?? [];
  return (
    <Select<Picked[]>
      id={id}
      mode="multiple"
      labelInValue
      showSearch
      filterOption={false}
      onSearch={setQ}
      value={value}
      onChange={(v) => onChange(v)}
      loading={units.isFetching || agencies.isFetching}
      // A group without options is left out: its heading alone would read as a result.
      options={[
        ...(own.length ? [{ label: 'Đơn vị trong hệ thống', options: own.map((u) => ({ value: u.id, label: u.name })) }] : []),
        ...(external.length
          ? [
              {
                label: 'Cơ quan ngoài (qua Trục liên thông)',
                options: external.map((a) => ({ value: `${AXIS_PREFIX}${a.code}`, label: a.name, title: a.parentName ?? a.code })),
              },
            ]
          : []),
      ]}
      placeholder="Gõ tên đơn vị, cơ quan nhận…"
      notFoundContent={units.isPending ? 'Đang tìm…' : 'Không có đơn vị phù hợp.'}
      style={{ width: '100%' }}
    />
  );
}

/** The dispatch's recipient: our unit by id, an external agency by its code and name. */
const recipientOf = (u: Picked) =>
  u.value.startsWith(AXIS_PREFIX) ? { organId: u.value.slice(AXIS_PREFIX.length), name: u.label } : { organizationId: u.value };

/** Gửi: the clerk picks the recipient units and confirms; each recipient's status follows (Đã đến, Đã vào sổ, …). */
export function DispatchPanel({ documentId, canSend }: { documentId: string; canSend: boolean }) {
  const [open, setOpen] = useState(false);
  const [units, setUnits] = useState<Picked[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [expected, setExpected] = useState(0);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const deliveries = useQuery({
    queryKey: ['deliveries', documentId],
    queryFn: () => unwrap(api.GET('/api/v1/documents/{id}/deliveries', { params: { path: { id: documentId } } })),
    // The copies are made by a job: follow until every recipient has its row and none is still on its way.
    refetchInterval: (q) => {
      const items = q.state.data?.items ?? [];
      return items.length < expected || items.some((x) => x.state === 'pending') ? 1500 : false;
    },
  });

  async function send() {
    setBusy(true);
    setError(null);
    try {
      const r = await unwrap(
        api.POST('/api/v1/documents/{id}/dispatch', {
          params: { path: { id: documentId } },
          body: { recipients: units.map(recipientOf) },
        }),
      );
      setExpected(r.internal + r.remote);
      message.success(`Đã gửi tới ${r.internal + r.remote} nơi nhận.`);
      setOpen(false);
      setUnits([]);
      await queryClient.invalidateQueries({ queryKey: ['deliveries', documentId] });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const items = deliveries.data?.items ?? [];
  return (
    <>
      {deliveries.isError && <Alert type="warning" showIcon message={errorMessage(deliveries.error)} />}
      {canSend && (
        <Button type="primary" onClick={() => setOpen(true)} style={{ marginBottom: 12 }}>
          Gửi
        </Button>
      )}
      <div className="scroll-x" tabIndex={0} role="region" aria-label="Bảng nơi nhận">
        <Table<Delivery>
          rowKey="id"
          size="small"
          pagination={false}
          style={{ minWidth: 560 }}
          dataSource={items}
          locale={{ emptyText: 'Chưa gửi tới nơi nào.' }}
          columns={[
            { title: 'Nơi nhận', render: (_, x) => x.recipientName },
            { title: 'Gửi', render: (_, x) => STATE[x.state] ?? x.state },
            { title: 'Trạng thái nhận', render: (_, x) => x.statusLabel ?? '' },
            { title: 'Thời điểm', render: (_, x) => formatDateTime(x.statusAt ?? x.deliveredAt) },
          ]}
        />
      </div>
      <Modal
        title="Gửi văn bản"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={send}
        okText={units.length ? `Gửi tới ${units.length} đơn vị` : 'Gửi'}
        cancelText="Hủy"
        okButtonProps={{ disabled: units.length === 0, loading: busy }}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 12 }} />}
        <Form layout="vertical">
          <Form.Item label="Nơi nhận" htmlFor="gui-noi-nhan">
            <RecipientPicker id="gui-noi-nhan" value={units} onChange={setUnits} />
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary">
          Văn bản đã ký số và đóng dấu được gửi ngay tới văn thư các đơn vị đã chọn; không thể sửa sau khi gửi (chỉ thu hồi hoặc thay thế).
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
