import { Link } from 'react-router';
import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { useSession } from '../auth/session';
import { useHandlingReport, useOverdueUnits, useWorkSummary } from '../api/queries';
import { errorMessage } from '../api/errors';
import { formatDate, formatNumber } from '../lib/format';
import { presetPeriod } from '../lib/periods';

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

/**
 * A leader's subtree this year: its late rate (tỷ lệ trễ hạn, the total of the report by child units,
 * read from the per-subtree rollup) and the five units holding the most items overdue today (their
 * own query: grouping the whole year by every unit of a province would read every unit's days), each
 * a link into Báo cáo at that unit.
 */
function SubtreeLateness({ organizationId, name }: { organizationId: string; name: string }) {
  const period = presetPeriod('nam');
  const report = useHandlingReport({ organizationId, ...period, groupBy: 'child' });
  const overdue = useOverdueUnits(organizationId);
  const worst = (overdue.data?.rows ?? []).map((r) => ({ ...r.organization, openOverdue: r.openOverdue }));
  const link = (id: string) => `/bao-cao?don-vi=${id}&ky=nam`;
  return (
    <section aria-labelledby="h-tre-han" style={{ marginTop: 24 }}>
      <Typography.Title level={2} id="h-tre-han" style={{ fontSize: 18 }}>
        Tình hình giải quyết văn bản đến từ {formatDate(period.from)} đến {formatDate(period.to)}
      </Typography.Title>
      {report.isError || overdue.isError ? (
        <Typography.Text type="danger">{errorMessage(report.error ?? overdue.error)}</Typography.Text>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} sm={12} lg={6}>
            <Link to={link(organizationId)}>
              <Card hoverable>
                {report.isPending ? (
                  <Skeleton active paragraph={false} />
                ) : (
                  <Statistic
                    title={`Tỷ lệ trễ hạn: ${name}`}
                    value={`${formatNumber(report.data.total.lateRate)}%`}
                    valueStyle={report.data.total.lateRate > 0 ? { color: '#b3261e' } : undefined}
                  />
                )}
              </Card>
            </Link>
          </Col>
          <Col xs={24} lg={18}>
            <Card title="Đơn vị có nhiều văn bản quá hạn nhất" size="small">
              {/* A plain list: antd's List would bring its pagination (and Select) into the home chunk. */}
              {overdue.isPending ? (
                <Skeleton active paragraph={{ rows: 3 }} title={false} />
              ) : worst.length === 0 ? (
                <Typography.Text>Không đơn vị nào có văn bản quá hạn.</Typography.Text>
              ) : (
                <ol className="worst-units">
                  {worst.map((u) => (
                    <li key={u.id}>
                      <Link to={link(u.id)}>{u.name}</Link> <span className="overrun">{formatNumber(u.openOverdue)} quá hạn</span>
                    </li>
                  ))}
                </ol>
              )}
            </Card>
          </Col>
        </Row>
      )}
    </section>
  );
}

export default function Home() {
  const { me, hasRole } = useSession();
  const clerk = hasRole('clerk');
  const leader = hasRole('leader');
  const summary = useWorkSummary(leader);
  const loading = summary.isPending;
  const counts = summary.data?.counts;
  const led = me?.roles.find((r) => r.role === 'leader');
  const lists = summary.data?.lists;
  // Chờ cho ý kiến: documents presented to me and extension requests awaiting my decision, one page.
  const awaitingOpinion: Count = lists && {
    total: lists.presented.total + lists['extension-requests'].total,
    totalIsEstimate: lists.presented.totalIsEstimate || lists['extension-requests'].totalIsEstimate,
  };

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
          {leader && <CountCard title="Chờ cho ý kiến" to="/cho-y-kien" loading={loading} count={awaitingOpinion} />}
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
      {led && <SubtreeLateness organizationId={led.organizationId} name={led.organizationName} />}
    </>
  );
}
