// Sign-in: username and password; the API's own message explains a failure (wrong password,
// too many attempts), in the chosen language.
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { GlobalOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth } from '../auth/auth.tsx';
import { useI18n } from '../i18n/i18n.tsx';

interface LoginForm {
  username: string;
  password: string;
}

/** The sign-in screen at /login. */
export function LoginPage() {
  const { t, language, setLanguage, errorText } = useI18n();
  const { profile, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<unknown>(undefined);
  const [isSubmitting, setSubmitting] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;
  const target = from && from !== '/login' ? from : '/';

  if (profile) return <Navigate to={target} replace />;

  const submit = async (values: LoginForm) => {
    setSubmitting(true);
    setError(undefined);
    try {
      await login(values.username.trim(), values.password);
      navigate(target, { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16, background: 'linear-gradient(160deg, #fff5f3 0%, #f5f5f5 60%)' }}>
      <div style={{ width: '100%', maxWidth: 380 }}>
        <div style={{ textAlign: 'right', marginBottom: 8 }}>
          <Button type="text" icon={<GlobalOutlined />} onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')} data-testid="language-switch">
            {t('lang.switchTo')}
          </Button>
        </div>
        <Card>
          <div style={{ textAlign: 'center', marginBottom: 24 }}>
            <div style={{ display: 'inline-flex', width: 48, height: 48, borderRadius: 10, background: '#c62f2f', color: '#fff', fontSize: 26, fontWeight: 700, alignItems: 'center', justifyContent: 'center' }}>蹲</div>
            <Typography.Title level={3} style={{ margin: '12px 0 4px' }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          </div>
          {error !== undefined && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} data-testid="login-error" />}
          <Form<LoginForm> layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false} autoComplete="on">
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" size="large" autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={isSubmitting}>
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
        <div style={{ textAlign: 'center', marginTop: 16, color: '#999', fontSize: 12 }}>{t('login.footer')}</div>
      </div>
    </div>
  );
}
