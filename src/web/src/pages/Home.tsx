import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { useSession } from '../auth/session';
import { COUNT_CAP, useDocumentCount, useWorkItems } from '../api/queries';
import { formatNumber, todayIso } from '../lib/format';

/** Open assignments due within this many calendar days count as "sắp đến hạn". */
const SOON_DAYS = 3;

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function CountCard({
  title,
  to,
  count,
  more,
  estimate,
  loading,
  danger,
}: {
  title: string;
  to: string;
  count?: number;
  more?: boolean;
  estimate?: boolean;
  loading: boolean;
  danger?: boolean;
}) {
  const shown = count === undefined ? '' : more ? `${formatNumber(COUNT_CAP)}+` : `${estimate ? '~' : ''}${formatNumber(count)}`;
  return (
    <Col xs={24} sm={12} lg={6}>
      <Link to={to}>
        <Card hoverable>
          {loading ? (
            <Skeleton active paragraph={false} />
          ) : (
            <Statistic title={title} value={shown} valueStyle={danger && count ? { color: '#b3261e' } : undefined} />
          )}
        </Card>
      </Link>
    </Col>
  );
}

export default function Home() {
  const { me, hasRole } = useSession();
  const clerk = hasRole('clerk');
  const leader = hasRole('leader');
  const received = useDocumentCount({ direction: 'incoming', status: 'received' }, clerk);
  const registered = useDocumentCount({ direction: 'incoming', status: 'registered' }, clerk);
  // Counts are the server's totals; only "sắp đến hạn" needs the open items themselves (the nearest deadlines).
  const open = useWorkItems({ scope: 'mine', status: 'open' });
  const overdue = useWorkItems({ scope: 'mine', status: 'overdue' }, true, 1);
  const unitOpen = useWorkItems({ scope: 'unit', status: 'open' }, leader, 1);
  const unitOverdue = useWorkItems({ scope: 'unit', status: 'overdue' }, leader, 1);
  const subtreeOpen = useWorkItems({ scope: 'subtree', status: 'open' }, leader, 1);
  const subtreeOverdue = useWorkItems({ scope: 'subtree', status: 'overdue' }, leader, 1);
  const approvals = useQuery({
    queryKey: ['approvals', 'pending'],
    enabled: leader,
    queryFn: () => unwrap(api.GET('/api/v1/approvals', { params: { query: { status: 'pending', limit: 200 } } })),
  });
  const soonLimit = addDays(todayIso(), SOON_DAYS);
  const soon = open.data?.items.filter((a) => a.dueDate !== null && a.dueDate <= soonLimit && !a.overdueSince);

  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        Xin chào, {me?.fullName}
      </Typography.Title>
      {clerk && (
        <section aria-labelledby="h-den">
          <Typography.Title level={2} id="h-den" style={{ fontSize: 18 }}>
            Văn bản đến
          </Typography.Title>
          <Row gutter={[16, 16]}>
            <CountCard
              title="Chờ vào sổ"
              to="/van-ban-den?status=received"
              loading={received.isPending}
              count={received.data?.count}
              more={received.data?.more}
            />
            <CountCard
              title="Đã vào sổ, chờ trình"
              to="/van-ban-den?status=registered"
              loading={registered.isPending}
              count={registered.data?.count}
              more={registered.data?.more}
            />
          </Row>
        </section>
      )}
      <section aria-labelledby="h-viec" style={{ marginTop: 24 }}>
        <Typography.Title level={2} id="h-viec" style={{ fontSize: 18 }}>
          Việc của tôi
        </Typography.Title>
        <Row gutter={[16, 16]}>
          <CountCard
            title="Chờ xử lý"
            to="/cong-viec?status=open"
            loading={open.isPending}
            count={open.data?.count}
            estimate={open.data?.estimate}
          />
          <CountCard title="Sắp đến hạn" to="/cong-viec?status=open&sap-den-han=1" loading={open.isPending} count={soon?.length} />
          <CountCard
            title="Quá hạn"
            to="/cong-viec?status=overdue"
            loading={overdue.isPending}
            count={overdue.data?.count}
            estimate={overdue.data?.estimate}
            danger
          />
        </Row>
      </section>
      {leader && (
        <section aria-labelledby="h-donvi" style={{ marginTop: 24 }}>
          <Typography.Title level={2} id="h-donvi" style={{ fontSize: 18 }}>
            Đơn vị tôi phụ trách
          </Typography.Title>
          <Row gutter={[16, 16]}>
            <CountCard
              title="Đơn vị: chờ xử lý"
              to="/cong-viec?scope=unit&status=open"
              loading={unitOpen.isPending}
              count={unitOpen.data?.count}
              estimate={unitOpen.data?.estimate}
            />
            <CountCard
              title="Đơn vị: quá hạn"
              to="/cong-viec?scope=unit&status=overdue"
              loading={unitOverdue.isPending}
              count={unitOverdue.data?.count}
              estimate={unitOverdue.data?.estimate}
              danger
            />
            <CountCard
              title="Các đơn vị trực thuộc: chờ xử lý"
              to="/don-vi"
              loading={subtreeOpen.isPending}
              count={subtreeOpen.data?.count}
              estimate={subtreeOpen.data?.estimate}
            />
            <CountCard
              title="Các đơn vị trực thuộc: quá hạn"
              to="/don-vi?status=overdue"
              loading={subtreeOverdue.isPending}
              count={subtreeOverdue.data?.count}
              estimate={subtreeOverdue.data?.estimate}
              danger
            />
            <CountCard
              title="Văn bản đi: chờ tôi duyệt"
              to="/van-ban-di"
              loading={approvals.isPending}
              count={approvals.data?.items.length}
            />
          </Row>
        </section>
      )}
    </>
  );
}
