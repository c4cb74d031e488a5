import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useSession } from '../auth/session';
import { errorMessage } from '../api/errors';
import { loadHome, preloadWhenIdle } from '../lib/preload';

type Fields = { username: string; password: string };

/** Only paths inside the app are followed after signing in (never another origin). */
function safeReturn(target: string | null): string {
  return target && target.startsWith('/') && !target.startsWith('//') ? target : '/';
}

export default function SignIn() {
  const { me, signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeReturn(params.get('tiep'));
  useEffect(() => preloadWhenIdle(loadHome), []);
  if (me) return <Navigate to={next} replace />;

  async function submit(values: Fields) {
    setBusy(true);
    setError(null);
    try {
      await signIn(values.username.trim(), values.password);
      navigate(next, { replace: true });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main style={{ minHeight: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          Văn thư điện tử
        </Typography.Title>
        {params.get('tiep') && !error && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} message="Vui lòng đăng nhập để tiếp tục." />
        )}
        {error && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} message={error} />}
        <Form<Fields> layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label="Tên đăng nhập" name="username" rules={[{ required: true, message: 'Vui lòng nhập tên đăng nhập.' }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="Mật khẩu" name="password" rules={[{ required: true, message: 'Vui lòng nhập mật khẩu.' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            Đăng nhập
          </Button>
        </Form>
      </Card>
    </main>
  );
}
