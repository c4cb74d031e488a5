import { useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Space, Upload, type UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, apiFetch, unwrap } from '../api/client';
import { errorMessage } from '../api/errors';
import type { Me } from '../auth/session';
import { formatDate, todayIso } from '../lib/format';
import type { Assignment } from './AssignmentsPanel';

type Action = 'note' | 'extension' | 'grant' | 'refuse' | 'return' | 'complete';

/**
 * What the caller may do with an assignment, as the server decides it (handling-transitions.ts),
 * from what the app knows of the caller: the assigned person; for a unit, its leaders and clerks act
 * and its leaders divide the work; the assigner answers an extension request. The server checks again.
 */
export function permissions(me: Me | undefined, a: Assignment) {
  const open = a.status === 'open';
  const grantOn = (unitId: string | null, ...roles: string[]) =>
    unitId !== null && (me?.roles.some((r) => r.organizationId === unitId && roles.includes(r.role)) ?? false);
  const actor = open && (a.assigneeUserId ? a.assigneeUserId === me?.id : grantOn(a.assigneeUnitId, 'leader', 'clerk'));
  return {
    actor,
    reassign: open && grantOn(a.assigneeUnitId, 'leader'),
    decide: open && a.extensionStatus === 'requested' && a.assignerId === me?.id,
  };
}

const TITLES: Record<Action, string> = {
  note: 'Ghi ý kiến xử lý',
  extension: 'Xin gia hạn',
  grant: 'Duyệt gia hạn',
  refuse: 'Không duyệt gia hạn',
  return: 'Trả lại',
  complete: 'Hoàn thành',
};
const DONE: Record<Action, string> = {
  note: 'Đã ghi ý kiến xử lý.',
  extension: 'Đã gửi đề nghị gia hạn.',
  grant: 'Đã duyệt gia hạn.',
  refuse: 'Đã không duyệt gia hạn.',
  return: 'Đã trả lại.',
  complete: 'Đã hoàn thành.',
};

type Fields = { text?: string; date?: Dayjs };

/** The buttons of one assignment, each opening a short form; the server's answer refreshes the page's data. */
export function AssignmentActions({ me, a, holder }: { me: Me | undefined; a: Assignment; holder: string }) {
  const can = permissions(me, a);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [action, setAction] = useState<Action | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [form] = Form.useForm<Fields>();
  if (!can.actor && !can.reassign && !can.decide) return null;

  const path = { params: { path: { id: a.id } } };
  async function send(v: Fields) {
    const date = v.date?.format('YYYY-MM-DD');
    const text = v.text?.trim() ?? '';
    switch (action) {
      case 'note': {
        // Working files (a reply draft, minutes) go up first; the note names them.
        let fileIds: string[] | undefined;
        if (files.length > 0) {
          const body = new FormData();
          for (const f of files) if (f.originFileObj) body.append('files', f.originFileObj, f.name);
          const res = await apiFetch(`/api/v1/assignments/${a.id}/files`, { method: 'POST', body });
          fileIds = ((await res.json()) as { files: { id: string }[] }).files.map((f) => f.id);
        }
        return unwrap(api.POST('/api/v1/assignments/{id}/notes', { ...path, body: { text, fileIds } }));
      }
      case 'extension':
        return unwrap(api.POST('/api/v1/assignments/{id}/extension', { ...path, body: { requestedDueDate: date!, reason: text } }));
      case 'grant':
        return unwrap(api.POST('/api/v1/assignments/{id}/extension/decision', { ...path, body: { grant: true, dueDate: date } }));
      case 'refuse':
        return unwrap(api.POST('/api/v1/assignments/{id}/extension/decision', { ...path, body: { grant: false } }));
      case 'return':
        return unwrap(api.POST('/api/v1/assignments/{id}/return', { ...path, body: { reason: text } }));
      case 'complete':
        return unwrap(api.POST('/api/v1/assignments/{id}/complete', { ...path, body: { result: text } }));
    }
  }

  async function submit() {
    if (!action) return;
    let v: Fields;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await send(v);
      message.success(DONE[action]);
      setAction(null);
      await queryClient.invalidateQueries();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  function open(next: Action) {
    setError(null);
    setFiles([]);
    setAction(next);
  }

  const button = (next: Action, primary = false): ReactNode => (
    <Button key={next} size="small" type={primary ? 'primary' : 'default'} onClick={() => open(next)}>
      {TITLES[next]}
    </Button>
  );
  const required = (what: string) => [{ required: true, whitespace: true, message: `Vui lòng nhập ${what}.` }];
  const afterToday = (d: Dayjs) => d.format('YYYY-MM-DD') < todayIso();

  return (
    <>
      <Space wrap size={[8, 8]} role="group" aria-label={`Thao tác: ${holder}`}>
        {can.actor && button('note')}
        {can.reassign && (
          <Button size="small" onClick={() => navigate(`/cong-viec/${a.id}/giao`)}>
            Giao xử lý
          </Button>
        )}
        {can.actor && a.extensionStatus !== 'requested' && a.dueDate && button('extension')}
        {can.decide && button('grant', true)}
        {can.decide && button('refuse')}
        {can.actor && button('return')}
        {can.actor && button('complete', true)}
      </Space>
      <Modal
        title={action ? `${TITLES[action]}: ${holder}` : ''}
        open={action !== null}
        onCancel={() => setAction(null)}
        onOk={submit}
        okText={action ? TITLES[action] : ''}
        cancelText="Hủy"
        okButtonProps={{ loading: busy }}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 12 }} />}
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          // The form mounts with the dialog: a grant starts from the requested date.
          initialValues={action === 'grant' && a.extensionRequestedDueDate ? { date: dayjs(a.extensionRequestedDueDate) } : {}}
        >
          {action === 'note' && (
            <>
              <Form.Item label="Nội dung" name="text" rules={required('nội dung')}>
                <Input.TextArea rows={4} maxLength={10000} />
              </Form.Item>
              {a.role !== 'inform' && (
                <Form.Item label="Tệp đính kèm (dự thảo trả lời, biên bản…)">
                  <Upload.Dragger multiple fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)}>
                    <p>Kéo thả tệp vào đây, hoặc bấm để chọn tệp</p>
                  </Upload.Dragger>
                </Form.Item>
              )}
            </>
          )}
          {action === 'extension' && (
            <>
              <p>Hạn xử lý hiện tại: {formatDate(a.dueDate)}</p>
              <Form.Item label="Gia hạn đến ngày" name="date" rules={[{ required: true, message: 'Vui lòng chọn ngày.' }]}>
                <DatePicker format="DD/MM/YYYY" disabledDate={afterToday} />
              </Form.Item>
              <Form.Item label="Lý do" name="text" rules={required('lý do')}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </>
          )}
          {action === 'grant' && (
            <>
              <p>
                Đề nghị gia hạn đến {formatDate(a.extensionRequestedDueDate)}
                {a.extensionReason ? `, lý do: ${a.extensionReason.replace(/[.\s]+$/, '')}` : ''}.
              </p>
              <Form.Item label="Gia hạn đến ngày" name="date" rules={[{ required: true, message: 'Vui lòng chọn ngày.' }]}>
                <DatePicker format="DD/MM/YYYY" disabledDate={afterToday} />
              </Form.Item>
            </>
          )}
          {action === 'refuse' && (
            <p>
              Không gia hạn; hạn xử lý giữ nguyên {formatDate(a.dueDate)} (đề nghị: {formatDate(a.extensionRequestedDueDate)}).
            </p>
          )}
          {action === 'return' && (
            <Form.Item label="Lý do trả lại" name="text" rules={required('lý do trả lại')}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          )}
          {action === 'complete' && (
            <Form.Item label="Kết quả xử lý" name="text" rules={required('kết quả xử lý')}>
              <Input.TextArea rows={4} maxLength={10000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
