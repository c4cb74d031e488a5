import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, unwrap } from '../api/client';
import { errorMessage } from '../api/errors';
import { PeoplePicker } from '../components/PeoplePicker';
import { UnitPicker } from '../components/UnitPicker';
import { documentReference, formatDate, ROLE_LABEL } from '../lib/format';
import { addWorkingDays } from '../lib/working-days';

type Assignee = {
  kind: 'unit' | 'user';
  unitId?: string;
  userId?: string;
  role: 'lead' | 'coordinate' | 'inform';
  deadline: 'days' | 'date' | 'none';
  days?: number;
  date?: Dayjs;
};
type Fields = { comment?: string; assignees: Assignee[] };

/** The date a "N working days" deadline falls on, computed from the server's calendar as it is typed. */
function WorkingDaysDate({ days }: { days?: number }) {
  const [date, setDate] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setDate(null);
    if (typeof days === 'number' && days >= 0)
      void addWorkingDays(days).then(
        (d) => live && setDate(d),
        () => live && setDate(null),
      );
    return () => {
      live = false;
    };
  }, [days]);
  if (date === null) return null;
  return (
    <Typography.Text strong aria-live="polite">
      Hạn xử lý: {formatDate(date)}
    </Typography.Text>
  );
}

/**
 * Bút phê: the leader's direction and who handles the document (chủ trì, phối hợp, nhận để biết), until
 * when. The same form divides an assignment inside the assigned unit (/cong-viec/:id/giao: its head
 * names people or sub-units of the unit).
 */
export default function Direct({ reassign = false }: { reassign?: boolean }) {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Fields>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const assignment = useQuery({
    queryKey: ['assignment', id],
    enabled: reassign,
    queryFn: () => unwrap(api.GET('/api/v1/assignments/{id}', { params: { path: { id } } })),
  });
  const documentId = reassign ? assignment.data?.document.id : id;
  const doc = useQuery({
    queryKey: ['document', documentId],
    enabled: documentId !== undefined,
    queryFn: () => unwrap(api.GET('/api/v1/documents/{id}', { params: { path: { id: documentId! } } })),
  });
  const back = () => navigate(documentId ? `/van-ban/${documentId}` : '/cong-viec');

  async function submit(v: Fields) {
    setBusy(true);
    setError(null);
    try {
      const body = {
        comment: v.comment?.trim() || undefined,
        assignees: v.assignees.map((a) => ({
          role: a.role,
          ...(a.kind === 'unit' ? { unitId: a.unitId } : { userId: a.userId }),
          // An item to inform (nhận để biết) is a read receipt: it has no deadline.
          ...(a.role !== 'inform' && a.deadline === 'days' && typeof a.days === 'number' ? { dueInWorkingDays: a.days } : {}),
          ...(a.role !== 'inform' && a.deadline === 'date' && a.date ? { dueDate: a.date.format('YYYY-MM-DD') } : {}),
        })),
      };
      const path = { params: { path: { id } } };
      await unwrap(
        reassign
          ? api.POST('/api/v1/assignments/{id}/assignments', { ...path, body })
          : api.POST('/api/v1/documents/{id}/assignments', { ...path, body }),
      );
      await queryClient.invalidateQueries();
      message.success(reassign ? 'Đã giao xử lý trong đơn vị.' : 'Đã bút phê, phân công xử lý.');
      back();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const parent = assignment.data;
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 22 }}>
        {reassign ? 'Giao xử lý trong đơn vị' : 'Bút phê'}
      </Typography.Title>
      {doc.data && (
        <Typography.Paragraph>
          {documentReference(doc.data)} {doc.data.subject}
        </Typography.Paragraph>
      )}
      {parent && (
        <Typography.Paragraph>
          Việc được giao: {ROLE_LABEL[parent.role]} · {parent.assigneeUnitName ?? parent.assigneeUserName}
          {parent.dueDate && ` · Hạn xử lý ${formatDate(parent.dueDate)}`}
        </Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      <Form<Fields>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ assignees: [{ kind: reassign ? 'user' : 'unit', role: 'lead', deadline: 'days', days: reassign ? 2 : 3 }] }}
      >
        <Form.Item label={reassign ? 'Ý kiến giao việc' : 'Ý kiến chỉ đạo'} name="comment">
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.List name="assignees">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={`Phân công ${i + 1}`}
                  extra={
                    fields.length > 1 && (
                      <Button size="small" onClick={() => remove(field.name)}>
                        Bỏ
                      </Button>
                    )
                  }
                >
                  <Form.Item label="Vai trò" name={[field.name, 'role']}>
                    <Radio.Group optionType="button" options={Object.entries(ROLE_LABEL).map(([value, label]) => ({ value, label }))} />
                  </Form.Item>
                  <Form.Item label="Giao cho" name={[field.name, 'kind']}>
                    <Radio.Group
                      options={[
                        { value: 'unit', label: 'Đơn vị' },
                        { value: 'user', label: 'Cá nhân' },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      form.getFieldValue(['assignees', field.name, 'kind']) === 'user' ? (
                        <Form.Item
                          label="Người xử lý"
                          name={[field.name, 'userId']}
                          rules={[{ required: true, message: 'Vui lòng chọn người xử lý.' }]}
                        >
                          <PeoplePicker />
                        </Form.Item>
                      ) : (
                        <Form.Item
                          label="Đơn vị xử lý"
                          name={[field.name, 'unitId']}
                          rules={[{ required: true, message: 'Vui lòng chọn đơn vị xử lý.' }]}
                        >
                          <UnitPicker />
                        </Form.Item>
                      )
                    }
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() =>
                      form.getFieldValue(['assignees', field.name, 'role']) === 'inform' ? null : (
                        <Form.Item label="Hạn xử lý" name={[field.name, 'deadline']}>
                          <Select
                            options={[
                              { value: 'days', label: 'Số ngày làm việc' },
                              { value: 'date', label: 'Đến ngày' },
                              { value: 'none', label: 'Không đặt hạn' },
                            ]}
                          />
                        </Form.Item>
                      )
                    }
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate>
                    {() => {
                      const a = form.getFieldValue(['assignees', field.name]) as Assignee | undefined;
                      if (a?.role === 'inform') return null;
                      if (a?.deadline === 'days')
                        return (
                          <Space align="baseline" wrap>
                            <Form.Item
                              label="Số ngày làm việc"
                              name={[field.name, 'days']}
                              rules={[{ required: true, message: 'Vui lòng nhập số ngày.' }]}
                            >
                              <InputNumber min={0} max={365} />
                            </Form.Item>
                            <WorkingDaysDate days={a.days} />
                          </Space>
                        );
                      if (a?.deadline === 'date')
                        return (
                          <Form.Item
                            label="Đến ngày"
                            name={[field.name, 'date']}
                            rules={[{ required: true, message: 'Vui lòng chọn ngày.' }]}
                          >
                            <DatePicker format="DD/MM/YYYY" />
                          </Form.Item>
                        );
                      return null;
                    }}
                  </Form.Item>
                </Card>
              ))}
              <Button onClick={() => add({ kind: 'unit', role: 'coordinate', deadline: 'days', days: 3 })} style={{ marginBottom: 16 }}>
                Thêm đơn vị / người
              </Button>
            </>
          )}
        </Form.List>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={busy}>
            {reassign ? 'Giao xử lý' : 'Ghi bút phê'}
          </Button>
          <Button onClick={back}>Hủy</Button>
        </Space>
      </Form>
    </>
  );
}
