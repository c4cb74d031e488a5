import { useQuery } from '@tanstack/react-query';
import { Alert, List, Tag, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import { errorMessage } from '../api/errors';
import { formatDate, ROLE_LABEL } from '../lib/format';

const STATUS: Record<string, string> = {
  open: 'Đang xử lý',
  done: 'Hoàn thành',
  returned: 'Trả lại',
  cancelled: 'Đã hủy',
  recalled: 'Thu hồi',
};

/** Who handles the document now: each assignment with its role, holder, deadline and state. */
export function AssignmentsPanel({ documentId }: { documentId: string }) {
  const q = useQuery({
    queryKey: ['document-assignments', documentId],
    queryFn: () => unwrap(api.GET('/api/v1/documents/{id}/assignments', { params: { path: { id: documentId } } })),
  });
  if (q.isPending) return <Typography.Text>Đang tải phân công…</Typography.Text>;
  if (q.isError) return <Alert type="warning" showIcon message={errorMessage(q.error)} />;
  const comment = q.data.items.find((a) => a.comment)?.comment;
  return (
    <>
      {comment && (
        <Typography.Paragraph>
          <Typography.Text strong>Ý kiến chỉ đạo:</Typography.Text> {comment}
        </Typography.Paragraph>
      )}
      <List
        size="small"
        dataSource={q.data.items}
        locale={{ emptyText: 'Chưa phân công xử lý.' }}
        renderItem={(a) => (
          <List.Item>
            <span>
              <Tag color={a.role === 'lead' ? 'blue' : undefined}>{ROLE_LABEL[a.role]}</Tag>
              {[a.assigneeUserName, a.assigneeUnitName].filter(Boolean).join(' · ')}
              {a.dueDate && <> · Hạn xử lý {formatDate(a.dueDate)}</>}
              {a.overdueSince && (
                <Tag color="red" style={{ marginLeft: 8 }}>
                  Quá hạn
                </Tag>
              )}
              <Typography.Text type="secondary"> · {STATUS[a.status] ?? a.status}</Typography.Text>
            </span>
          </List.Item>
        )}
      />
    </>
  );
}
