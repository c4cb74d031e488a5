import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Modal } from 'antd';
import { api, unwrap } from '../api/client';
import { errorMessage } from '../api/errors';
import { formatDate } from '../lib/format';
import { PeoplePicker } from './PeoplePicker';

/** Trình: the clerk hands a registered document to a leader for bút phê. */
export function PresentButton({ documentId }: { documentId: string }) {
  const [open, setOpen] = useState(false);
  const [leader, setLeader] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  async function present() {
    if (!leader) return;
    setBusy(true);
    try {
      const r = await unwrap(
        api.POST('/api/v1/documents/{id}/present', { params: { path: { id: documentId } }, body: { leaderUserId: leader } }),
      );
      message.success(`Đã trình lãnh đạo; hạn cho ý kiến ${formatDate(r.presentationDueDate)}.`);
      setOpen(false);
      await queryClient.invalidateQueries();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button onClick={() => setOpen(true)}>Trình</Button>
      <Modal
        title="Trình lãnh đạo cho ý kiến"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={present}
        okText="Trình"
        cancelText="Hủy"
        okButtonProps={{ disabled: !leader, loading: busy }}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label="Lãnh đạo" htmlFor="trinh-lanh-dao">
            <PeoplePicker id="trinh-lanh-dao" role="leader" value={leader} onChange={setLeader} placeholder="Gõ tên lãnh đạo…" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
