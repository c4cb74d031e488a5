import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Skeleton, Space, Tag, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import { errorMessage } from '../api/errors';
import { usePersonalList, type PersonalListName, type WorkEntry } from '../api/queries';
import { formatDate, formatNumber, ROLE_LABEL, todayIso } from '../lib/format';
import { UrgencyTag } from '../components/UrgencyTag';

/** One labelled fact of an item: label above value on a phone, side by side on a wide card (app.css). */
const Field = ({ label, children }: { label: string; children: ReactNode }) => (
  <div>
    <dt>{label}</dt>
    <dd>{children || '—'}</dd>
  </div>
);

const documentLink = (e: WorkEntry) => <Link to={`/van-ban/${e.document.id}`}>{e.document.subject}</Link>;

/**
 * A list of the page as cards (a phone is where leaders answer these): its heading with the count,
 * the items, "Xem thêm" for the next page, a sentence when empty.
 */
function ListSection({
  list,
  id,
  title,
  empty,
  item,
}: {
  list: PersonalListName;
  id: string;
  title: string;
  empty: string;
  item: (e: WorkEntry) => ReactNode;
}) {
  const pages = usePersonalList(list);
  const first = pages.data?.pages[0];
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const count = first ? ` (${formatNumber(first.total)}${first.totalIsEstimate ? '+' : ''})` : '';
  return (
    <section aria-labelledby={id} style={{ marginBottom: 24 }}>
      <Typography.Title level={2} id={id} style={{ fontSize: 18 }}>
        {title}
        {count}
      </Typography.Title>
      {pages.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} title={false} />
      ) : pages.isError ? (
        <Alert type="error" showIcon message={errorMessage(pages.error)} />
      ) : items.length === 0 ? (
        <Typography.Text className="empty-text">{empty}</Typography.Text>
      ) : (
        <ul className="opinion-items">
          {items.map((e) => (
            <li key={e.id}>{item(e)}</li>
          ))}
        </ul>
      )}
      {pages.hasNextPage && (
        <Button onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage} style={{ marginTop: 12 }}>
          Xem thêm
        </Button>
      )}
    </section>
  );
}

function PresentedCard({ e }: { e: WorkEntry }) {
  const navigate = useNavigate();
  const late = e.presentationDueDate !== null && e.presentationDueDate < todayIso();
  return (
    <Card size="small" title={documentLink(e)}>
      <dl className="opinion-fields">
        <Field label="Số, ký hiệu">{e.document.code}</Field>
        <Field label="Cơ quan ban hành">{e.document.issuerName}</Field>
        <Field label="Độ khẩn">
          <UrgencyTag urgency={e.document.urgency} />
        </Field>
        <Field label="Hạn cho ý kiến">
          {formatDate(e.presentationDueDate)} {late && <Tag color="red">Quá hạn</Tag>}
        </Field>
      </dl>
      <Space wrap>
        <Button type="primary" onClick={() => navigate(`/van-ban/${e.document.id}/but-phe`)} aria-label={`Bút phê: ${e.document.subject}`}>
          Bút phê
        </Button>
        <Link to={`/van-ban/${e.document.id}`}>Xem văn bản</Link>
      </Space>
    </Card>
  );
}

function ExtensionCard({ e }: { e: WorkEntry }) {
  const a = e.assignment!;
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const who = [a.assigneeUserName, a.assigneeUnitName].filter(Boolean).join(' · ');

  // Each answer is confirmed first; then the lists and the home counts are asked again.
  function decide(grant: boolean) {
    modal.confirm({
      title: grant ? 'Đồng ý gia hạn?' : 'Từ chối gia hạn?',
      content: grant
        ? `Hạn xử lý của ${who} đổi từ ${formatDate(a.dueDate)} thành ${formatDate(a.extensionRequestedDueDate)}.`
        : `Hạn xử lý của ${who} giữ nguyên ${formatDate(a.dueDate)}.`,
      okText: grant ? 'Đồng ý' : 'Từ chối',
      cancelText: 'Hủy',
      onOk: async () => {
        try {
          await unwrap(api.POST('/api/v1/assignments/{id}/extension/decision', { params: { path: { id: a.id } }, body: { grant } }));
          message.success(grant ? 'Đã đồng ý gia hạn.' : 'Đã từ chối gia hạn.');
        } catch (err) {
          message.error(errorMessage(err));
        }
        await queryClient.invalidateQueries();
      },
    });
  }

  return (
    <Card size="small" title={documentLink(e)}>
      <dl className="opinion-fields">
        <Field label="Người đề nghị">
          {who} ({ROLE_LABEL[a.role] ?? a.role})
        </Field>
        <Field label="Số, ký hiệu">{e.document.code}</Field>
        <Field label="Hạn xử lý hiện tại">
          {formatDate(a.dueDate)} {a.overdue && <Tag color="red">Quá hạn</Tag>}
        </Field>
        <Field label="Đề nghị gia hạn đến">
          <strong>{formatDate(a.extensionRequestedDueDate)}</strong>
        </Field>
        <Field label="Lý do">{a.extensionReason}</Field>
      </dl>
      <Space wrap role="group" aria-label={`Duyệt gia hạn: ${who}`}>
        <Button type="primary" onClick={() => decide(true)}>
          Đồng ý
        </Button>
        <Button onClick={() => decide(false)}>Từ chối</Button>
      </Space>
    </Card>
  );
}

/**
 * Chờ cho ý kiến: what awaits the leader's word. Documents presented to them (trình) not yet directed,
 * each one tap from its bút phê form; extension requests on the work they gave, answered here.
 */
export default function AwaitingOpinion() {
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        Chờ cho ý kiến
      </Typography.Title>
      <ListSection
        list="presented"
        id="h-trinh"
        title="Văn bản trình chờ bút phê"
        empty="Không có văn bản nào đang chờ bút phê."
        item={(e) => <PresentedCard e={e} />}
      />
      <ListSection
        list="extension-requests"
        id="h-gia-han"
        title="Đề nghị gia hạn chờ duyệt"
        empty="Không có đề nghị gia hạn nào đang chờ duyệt."
        item={(e) => <ExtensionCard e={e} />}
      />
    </>
  );
}
