import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { GlobalOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client.ts';
import { authApi } from '../../api/endpoints.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Logo } from '../../shared/Logo.tsx';
import { useSession } from './session.tsx';

export function LoginPage() {
  const { t, lang, setLang } = useI18n();
  const { signedIn } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const { user } = await authApi.login(values.username.trim(), values.password);
      await signedIn(user);
    } catch (e) {
      if (e instanceof ApiError && e.status === 429) {
        setError(t('login.locked', { min: Math.max(1, Math.ceil((e.retryAfterSeconds ?? 60) / 60)) }));
      } else if (e instanceof ApiError && e.status === 401) {
        setError(t('login.failed'));
      } else {
        setError(
          e instanceof ApiError && e.status === 0 ? t('error.network') : e instanceof Error ? e.message : String(e),
        );
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="zw-login">
      <Card>
        <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
          <Logo size={48} />
          <Typography.Title level={3} style={{ margin: '8px 0 0' }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
        </Flex>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false} autoComplete="on">
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, message: t('login.username') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus id="username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.password') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" id="password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        <nav aria-label={t('login.public')} style={{ marginTop: 16, textAlign: 'center' }}>
          {t('login.public')}
          <Link to="/public/report">{t('login.publicReport')}</Link>
          {' · '}
          <Link to="/public/check">{t('login.publicCheck')}</Link>
          {' · '}
          <Link to="/public/education">{t('login.publicEducation')}</Link>
        </nav>
        <Flex justify="center" style={{ marginTop: 8 }}>
          <Button
            type="link"
            size="small"
            icon={<GlobalOutlined />}
            onClick={() => setLang(lang === 'zh-CN' ? 'en-US' : 'zh-CN')}
          >
            {t('layout.language')}
          </Button>
        </Flex>
      </Card>
    </div>
  );
}
