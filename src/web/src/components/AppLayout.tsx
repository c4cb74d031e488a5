import { Suspense, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { Button, Layout, Typography } from 'antd';
import { Loading } from './Loading';
import { useSession } from '../auth/session';
import { USER_ROLE_LABEL } from '../lib/format';

const { Header, Content } = Layout;
const NAV = [
  ['home', '/', 'Trang chủ'],
  ['incoming', '/van-ban-den', 'Văn bản đến'],
  ['outgoing', '/van-ban-di', 'Văn bản đi'],
  ['work', '/cong-viec', 'Việc của tôi'],
] as const;
// What awaits a leader's word: documents presented to them, extension requests on the work they gave.
const OPINION = ['opinion', '/cho-y-kien', 'Chờ cho ý kiến'] as const;
// Reports are read by the leaders and administrators of a unit (the API answers 404 to anyone else).
const REPORTS = ['reports', '/bao-cao', 'Báo cáo'] as const;

export function AppLayout({ children }: { children: ReactNode }) {
  const { me, signOut, hasRole } = useSession();
  const nav = [...NAV, ...(hasRole('leader') ? [OPINION] : []), ...(hasRole('leader') || hasRole('admin') ? [REPORTS] : [])];
  const { pathname } = useLocation();
  const selected =
    pathname === '/'
      ? 'home'
      : pathname.startsWith('/van-ban-den')
        ? 'incoming'
        : pathname.startsWith('/van-ban-di') || pathname.startsWith('/du-thao')
          ? 'outgoing'
          : pathname.startsWith('/cong-viec')
            ? 'work'
            : pathname.startsWith('/bao-cao')
              ? 'reports'
              : pathname.startsWith('/cho-y-kien')
                ? 'opinion'
                : '';
  const roles = [...new Set(me?.roles.map((r) => USER_ROLE_LABEL[r.role]) ?? [])].join(', ');
  return (
    <Layout style={{ minHeight: '100%' }}>
      <a className="skip-link" href="#noi-dung">
        Bỏ qua, tới nội dung chính
      </a>
      <Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 16,
          padding: '0 16px',
          background: '#0b5cad',
          flexWrap: 'wrap',
          height: 'auto',
          minHeight: 64,
        }}
      >
        <Link to="/" style={{ color: '#fff', fontWeight: 700, fontSize: 18 }}>
          Văn thư điện tử
        </Link>
        <nav aria-label="Chức năng chính" className="main-nav">
          {nav.map(([key, to, label]) => (
            <Link key={key} to={to} aria-current={selected === key ? 'page' : undefined}>
              {label}
            </Link>
          ))}
        </nav>
        <Typography.Text style={{ color: '#fff' }}>
          {me?.fullName}
          {roles ? ` · ${roles}` : ''}
        </Typography.Text>
        <Button onClick={signOut}>Đăng xuất</Button>
      </Header>
      <Content id="noi-dung" tabIndex={-1}>
        <main className="page">
          <Suspense fallback={<Loading label="Đang tải" />}>{children}</Suspense>
        </main>
      </Content>
    </Layout>
  );
}
