import { useQueries, useQuery } from '@tanstack/react-query';
import { Alert, Tag, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import { errorMessage } from '../api/errors';
import type { paths } from '../api/schema';
import { useSession } from '../auth/session';
import { formatDate, formatDateTime, ROLE_LABEL } from '../lib/format';
import { AssignmentActions } from './AssignmentActions';

export type Assignment =
  paths['/api/v1/documents/{id}/assignments']['get']['responses']['200']['content']['application/json']['items'][number];
type Note = paths['/api/v1/assignments/{id}']['get']['responses']['200']['content']['application/json']['notes'][number];

const STATUS: Record<string, string> = {
  open: 'Đang xử lý',
  done: 'Hoàn thành',
  returned: 'Trả lại',
  cancelled: 'Đã hủy',
  recalled: 'Thu hồi',
  // An item to inform (nhận để biết) is a read receipt: read when its recipient opens the document.
  unread: 'Chưa xem',
  read: 'Đã xem',
};
// Tag colours with AA contrast (Ant Design's green, gold and orange texts are too light): app.css.
const STATUS_CLASS: Record<string, string | undefined> = {
  done: 'tag-done',
  read: 'tag-done',
  unread: 'tag-wait',
  returned: 'tag-wait',
  recalled: 'tag-wait',
};

const holderOf = (a: Assignment) => [a.assigneeUserName, a.assigneeUnitName].filter(Boolean).join(' · ');

function Extension({ a }: { a: Assignment }) {
  if (!a.extensionStatus) return null;
  const asked = `đến ${formatDate(a.extensionRequestedDueDate)}${a.extensionReason ? ` (${a.extensionReason})` : ''}`;
  if (a.extensionStatus === 'requested')
    return (
      <div>
        <Tag className="tag-wait">Chờ duyệt gia hạn</Tag> Xin gia hạn {asked}
      </div>
    );
  if (a.extensionStatus === 'granted')
    return (
      <div>
        <Tag className="tag-done">Đã gia hạn</Tag> Hạn xử lý mới {formatDate(a.dueDate)}
      </div>
    );
  return (
    <div>
      <Tag>Không được gia hạn</Tag> Đề nghị {asked}
    </div>
  );
}

function Notes({ notes, fileNames }: { notes: Note[] | undefined; fileNames: Map<string, string> }) {
  if (!notes?.length) return null;
  return (
    <div className="assignment-notes">
      <Typography.Text strong>Ý kiến xử lý:</Typography.Text>
      <ul>
        {notes.map((n) => (
          <li key={n.id}>
            <Typography.Text type="secondary">
              {n.authorName}, {formatDateTime(n.createdAt)}:
            </Typography.Text>{' '}
            {n.text}
            {n.fileIds.length > 0 && (
              <Typography.Text type="secondary">
                {' '}
                (tệp đính kèm: {n.fileIds.map((f) => fileNames.get(f) ?? 'tệp').join(', ')})
              </Typography.Text>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Who handles the document: each assignment (the divisions inside a unit nested under it) with its
 * role, holder, deadline, state, extension, result and progress notes, and the buttons of what the
 * caller may do with it.
 */
export function AssignmentsPanel({ documentId }: { documentId: string }) {
  const { me } = useSession();
  const q = useQuery({
    queryKey: ['document-assignments', documentId],
    queryFn: () => unwrap(api.GET('/api/v1/documents/{id}/assignments', { params: { path: { id: documentId } } })),
  });
  const items = q.data?.items ?? [];
  // Names of the files notes name (the document's files, working files included): cached by the document view.
  const doc = useQuery({
    queryKey: ['document', documentId],
    queryFn: () => unwrap(api.GET('/api/v1/documents/{id}', { params: { path: { id: documentId } } })),
  });
  const fileNames = new Map((doc.data?.files ?? []).map((f) => [f.id, f.name]));
  // Progress notes come with each assignment's detail; a document has a handful of assignments.
  const details = useQueries({
    queries: items.map((a) => ({
      queryKey: ['assignment', a.id],
      queryFn: () => unwrap(api.GET('/api/v1/assignments/{id}', { params: { path: { id: a.id } } })),
    })),
  });
  if (q.isPending) return <Typography.Text>Đang tải phân công…</Typography.Text>;
  if (q.isError) return <Alert type="warning" showIcon message={errorMessage(q.error)} />;
  if (items.length === 0) return <Typography.Text className="empty-text">Chưa phân công xử lý.</Typography.Text>;
  const notesOf = new Map(items.map((a, i) => [a.id, details[i]?.data?.notes]));
  const comment = items.find((a) => a.comment && a.parentId === null)?.comment;

  const render = (parentId: string | null, depth: number) =>
    items
      .filter((a) => a.parentId === parentId)
      .map((a) => {
        const holder = holderOf(a);
        const label = `${ROLE_LABEL[a.role]}: ${holder}`;
        return (
          <section key={a.id} aria-label={label} className="assignment" style={{ marginLeft: depth * 20 }}>
            <div>
              <Tag color={a.role === 'lead' ? 'blue' : undefined}>{ROLE_LABEL[a.role]}</Tag>
              <Typography.Text strong>{holder}</Typography.Text>
              {a.dueDate && <> · Hạn xử lý {formatDate(a.dueDate)}</>}
              {a.overdueSince && a.status === 'open' && (
                <Tag color="red" style={{ marginLeft: 8 }}>
                  Quá hạn
                </Tag>
              )}{' '}
              <Tag className={STATUS_CLASS[a.status]}>{STATUS[a.status] ?? a.status}</Tag>
            </div>
            <Typography.Text type="secondary">Giao bởi {a.assignerName}</Typography.Text>
            {a.parentId !== null && a.comment && <div>Ý kiến giao việc: {a.comment}</div>}
            <Extension a={a} />
            {a.readAt && (
              <div>
                Đã xem: {a.readByName}
                <Typography.Text type="secondary"> ({formatDateTime(a.readAt)})</Typography.Text>
              </div>
            )}
            {a.returnReason && <div>Lý do trả lại: {a.returnReason}</div>}
            {a.recallReason && <div>Lý do thu hồi: {a.recallReason}</div>}
            {a.result && (
              <div>
                Kết quả xử lý: {a.result}
                {a.completedAt && <Typography.Text type="secondary"> ({formatDateTime(a.completedAt)})</Typography.Text>}
              </div>
            )}
            <Notes notes={notesOf.get(a.id)} fileNames={fileNames} />
            <AssignmentActions me={me} a={a} holder={holder} />
            {render(a.id, depth + 1)}
          </section>
        );
      });

  return (
    <>
      {comment && (
        <Typography.Paragraph>
          <Typography.Text strong>Ý kiến chỉ đạo:</Typography.Text> {comment}
        </Typography.Paragraph>
      )}
      {render(null, 0)}
    </>
  );
}
