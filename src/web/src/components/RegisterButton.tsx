import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, unwrap } from '../api/client';
import { errorMessage } from '../api/errors';
import { formatDate, todayIso } from '../lib/format';

/**
 * Vào sổ: the clerk registers a received document, with its Hạn xử lý as they read it on the paper
 * (the one received, corrected, or none). The server refuses a past deadline, so one received in the
 * past must be corrected or cleared here.
 */
export function RegisterButton({ documentId, dueDate }: { documentId: string; dueDate: string | null }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ dueDate: Dayjs | null }>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const receivedPast = dueDate !== null && dueDate < todayIso();

  async function register() {
    const { dueDate: chosen } = await form.validateFields();
    setBusy(true);
    try {
      const r = await unwrap(
        api.POST('/api/v1/documents/{id}/register', {
          params: { path: { id: documentId } },
          body: { dueDate: chosen ? chosen.format('YYYY-MM-DD') : null },
        }),
      );
      message.success(`Đã vào sổ ${r.registerName}, số đến ${r.incomingNumber}.`);
      setOpen(false);
      await Promise.all(
        [['document', documentId], ['timeline', documentId], ['documents']].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      );
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        Vào sổ
      </Button>
      <Modal
        title="Vào sổ văn bản đến"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={register}
        okText="Vào sổ"
        cancelText="Hủy"
        okButtonProps={{ loading: busy }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ dueDate: dueDate && !receivedPast ? dayjs(dueDate) : null }}>
          {receivedPast && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              message={`Hạn xử lý ghi khi tiếp nhận (${formatDate(dueDate)}) đã qua. Chọn hạn mới, hoặc để trống nếu văn bản không có hạn.`}
            />
          )}
          <Form.Item
            label="Hạn xử lý"
            name="dueDate"
            extra={<Typography.Text type="secondary">Để trống nếu văn bản không có hạn xử lý.</Typography.Text>}
          >
            <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" disabledDate={(d) => d.format('YYYY-MM-DD') < todayIso()} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
