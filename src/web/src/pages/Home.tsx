import { Link } from 'react-router';
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
  loading,
  danger,
}: {
  title: string;
  to: string;
  count?: number;
  more?: boolean;
  loading: boolean;
  danger?: boolean;
}) {
  const shown = count === undefined ? '' : more ? `${formatNumber(COUNT_CAP)}+` : formatNumber(count);
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
  const open = useWorkItems({ scope: 'mine', status: 'open' });
  const overdue = useWorkItems({ scope: 'mine', status: 'overdue' });
  const unitOpen = useWorkItems({ scope: 'unit', status: 'open' }, leader);
  const unitOverdue = useWorkItems({ scope: 'unit', status: 'overdue' }, leader);
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
            count={open.data?.items.length}
            more={open.data?.more}
          />
          <CountCard title="Sắp đến hạn" to="/cong-viec?status=open&sap-den-han=1" loading={open.isPending} count={soon?.length} />
          <CountCard
            title="Quá hạn"
            to="/cong-viec?status=overdue"
            loading={overdue.isPending}
            count={overdue.data?.items.length}
            more={overdue.data?.more}
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
              count={unitOpen.data?.items.length}
              more={unitOpen.data?.more}
            />
            <CountCard
              title="Đơn vị: quá hạn"
              to="/cong-viec?scope=unit&status=overdue"
              loading={unitOverdue.isPending}
              count={unitOverdue.data?.items.length}
              more={unitOverdue.data?.more}
              danger
            />
          </Row>
        </section>
      )}
    </>
  );
}
