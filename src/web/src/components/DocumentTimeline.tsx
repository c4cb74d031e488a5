import { useQuery } from '@tanstack/react-query';
import { Alert, Grid, Table, Tag, Timeline as AntTimeline, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import { errorMessage } from '../api/errors';
import type { Timeline } from '../api/queries';
import { formatDate, formatDateTime, ROLE_LABEL } from '../lib/format';

type Custody = NonNullable<Timeline['entries'][number]['custody']>;

const HOLDER_ROLE: Record<string, string> = { ...ROLE_LABEL, clerk: 'Văn thư', leader: 'Lãnh đạo (chờ cho ý kiến)' };
const ACTION_LABEL: Record<string, string> = {
  'document.create': 'Tiếp nhận văn bản',
  'document.register': 'Vào sổ',
  'document.refuse': 'Từ chối nhận',
  'document.present': 'Trình lãnh đạo',
  'document.assign': 'Bút phê, phân công xử lý',
  'document.recalled': 'Văn bản bị thu hồi',
  'assignment.reassign': 'Phân công lại trong đơn vị',
  'assignment.note': 'Ghi chú xử lý',
  'assignment.extension-request': 'Xin gia hạn',
  'assignment.extension-grant': 'Duyệt gia hạn',
  'assignment.extension-refuse': 'Không duyệt gia hạn',
  'assignment.return': 'Trả lại',
  'assignment.complete': 'Hoàn thành',
  'assignment.files-add': 'Thêm tệp xử lý',
  'assignment.read': 'Đã xem (nhận để biết)',
  'document.sign': 'Ký số',
  'document.issue': 'Phát hành',
  'document.seal': 'Đóng dấu số của cơ quan',
  'document.dispatch': 'Gửi văn bản',
  'document.recall-answer': 'Trả lời thu hồi',
  'document.reorganisation-handover': 'Bàn giao do sắp xếp đơn vị',
  'document.access.grant': 'Cấp quyền xem văn bản mật',
  'document.access.revoke': 'Thu hồi quyền xem văn bản mật',
};

const holderOf = (c: Custody) => [c.holderUserName, c.holderUnitName].filter(Boolean).join(' · ');
const Until = ({ c }: { c: Custody }) => (c.endedAt ? <>{formatDateTime(c.endedAt)}</> : <Tag color="blue">Đang giữ</Tag>);
const Overrun = ({ c }: { c: Custody }) =>
  c.overrunWorkingDays ? <span className="overrun">Quá hạn {c.overrunWorkingDays} ngày làm việc</span> : c.dueDate ? <>Trong hạn</> : null;

/** The holders on a phone: one block each, the holder first, then from when to when and against which deadline. */
function CustodyCards({ custody }: { custody: Custody[] }) {
  if (custody.length === 0) return <Typography.Text className="empty-text">Chưa có ai giữ văn bản.</Typography.Text>;
  return (
    <ul className="custody-cards" aria-label="Người giữ văn bản">
      {custody.map((c) => (
        <li key={c.id}>
          <Typography.Text strong>{holderOf(c)}</Typography.Text>
          <div>{HOLDER_ROLE[c.role] ?? c.role}</div>
          <div>
            Từ {formatDateTime(c.startedAt)} đến {c.endedAt ? formatDateTime(c.endedAt) : <Until c={c} />}
          </div>
          {c.dueDate && (
            <div>
              Hạn xử lý {formatDate(c.dueDate)}: <Overrun c={c} />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * Who held the document and its assignments, from when to when, against which deadline; working days
 * over the deadline in red with the words (never colour alone). Then what happened, in order.
 */
export function DocumentTimeline({ documentId }: { documentId: string }) {
  // Below md (a phone) each holder is a stacked block: a six-column table would be wider than the screen.
  const narrow = !Grid.useBreakpoint().md;
  const timeline = useQuery({
    queryKey: ['timeline', documentId],
    queryFn: () => unwrap(api.GET('/api/v1/documents/{id}/timeline', { params: { path: { id: documentId } } })),
  });
  if (timeline.isPending) return <Typography.Text>Đang tải quá trình xử lý…</Typography.Text>;
  if (timeline.isError) return <Alert type="warning" showIcon message={errorMessage(timeline.error)} />;
  const custody = timeline.data.entries.flatMap((e) => (e.kind === 'custody' && e.custody ? [e.custody] : []));
  const events = timeline.data.entries.filter((e) => e.kind === 'event' && e.event && e.event.action !== 'document.read');
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        Người giữ văn bản
      </Typography.Title>
      {narrow ? (
        <CustodyCards custody={custody} />
      ) : (
        // Scrolls sideways if a window is still too narrow; focusable so that keyboard users can scroll it too.
        <div className="scroll-x" tabIndex={0} role="region" aria-label="Bảng người giữ văn bản">
          <Table<Custody>
            rowKey="id"
            size="small"
            pagination={false}
            style={{ minWidth: 640 }}
            dataSource={custody}
            locale={{ emptyText: 'Chưa có ai giữ văn bản.' }}
            columns={[
              { title: 'Người / đơn vị giữ', render: (_, c) => holderOf(c) },
              { title: 'Vai trò', render: (_, c) => HOLDER_ROLE[c.role] ?? c.role },
              { title: 'Từ', render: (_, c) => formatDateTime(c.startedAt) },
              { title: 'Đến', render: (_, c) => <Until c={c} /> },
              { title: 'Hạn xử lý', render: (_, c) => formatDate(c.dueDate) },
              { title: 'Quá hạn', render: (_, c) => <Overrun c={c} /> },
            ]}
          />
        </div>
      )}
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
        Diễn biến
      </Typography.Title>
      <AntTimeline
        items={events.map((e) => ({
          key: e.event!.id,
          children: (
            <span>
              <Typography.Text strong>{ACTION_LABEL[e.event!.action] ?? e.event!.action}</Typography.Text> ·{' '}
              {e.event!.actorName ?? 'Hệ thống'} · {formatDateTime(e.event!.occurredAt)}
            </span>
          ),
        }))}
      />
    </>
  );
}
