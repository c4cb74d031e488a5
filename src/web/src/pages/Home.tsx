import { Link } from 'react-router';
import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { useSession } from '../auth/session';
import { useWorkSummary } from '../api/queries';
import { formatNumber } from '../lib/format';

type Count = { total: number; totalIsEstimate: boolean } | null | undefined;

function CountCard({ title, to, count, loading, danger }: { title: string; to: string; count: Count; loading: boolean; danger?: boolean }) {
  // Past 10,000 the server gives a lower bound (10,001), flagged as an estimate.
  const shown = count ? `${formatNumber(count.total)}${count.totalIsEstimate ? '+' : ''}` : '';
  return (
    <Col xs={24} sm={12} lg={6}>
      <Link to={to}>
        <Card hoverable>
          {loading ? (
            <Skeleton active paragraph={false} />
          ) : (
            <Statistic title={title} value={shown} valueStyle={danger && count?.total ? { color: '#b3261e' } : undefined} />
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
  const summary = useWorkSummary(leader);
  const loading = summary.isPending;
  const counts = summary.data?.counts;

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
            <CountCard title="Chờ vào sổ" to="/van-ban-den?status=received" loading={loading} count={counts?.incomingReceived} />
            <CountCard
              title="Đã vào sổ, chờ trình"
              to="/van-ban-den?status=registered"
              loading={loading}
              count={counts?.incomingRegistered}
            />
          </Row>
        </section>
      )}
      <section aria-labelledby="h-viec" style={{ marginTop: 24 }}>
        <Typography.Title level={2} id="h-viec" style={{ fontSize: 18 }}>
          Việc của tôi
        </Typography.Title>
        <Row gutter={[16, 16]}>
          <CountCard title="Chờ xử lý" to="/cong-viec?status=open" loading={loading} count={counts?.assignedOpen} />
          <CountCard title="Sắp đến hạn" to="/cong-viec?status=open&sap-den-han=1" loading={loading} count={counts?.assignedDueSoon} />
          <CountCard title="Quá hạn" to="/cong-viec?status=overdue" loading={loading} count={counts?.assignedOverdue} danger />
        </Row>
      </section>
      {leader && (
        <section aria-labelledby="h-donvi" style={{ marginTop: 24 }}>
          <Typography.Title level={2} id="h-donvi" style={{ fontSize: 18 }}>
            Đơn vị tôi phụ trách
          </Typography.Title>
          <Row gutter={[16, 16]}>
            <CountCard title="Đơn vị: chờ xử lý" to="/cong-viec?scope=unit&status=open" loading={loading} count={counts?.unitOpen} />
            <CountCard
              title="Đơn vị: quá hạn"
              to="/cong-viec?scope=unit&status=overdue"
              loading={loading}
              count={counts?.unitOverdue}
              danger
            />
            <CountCard title="Các đơn vị trực thuộc: chờ xử lý" to="/don-vi" loading={loading} count={counts?.subtreeOpen} />
            <CountCard
              title="Các đơn vị trực thuộc: quá hạn"
              to="/don-vi?status=overdue"
              loading={loading}
              count={counts?.subtreeOverdue}
              danger
            />
            <CountCard title="Văn bản đi: chờ tôi duyệt" to="/van-ban-di" loading={loading} count={summary.data?.lists.approvals} />
          </Row>
        </section>
      )}
    </>
  );
}
