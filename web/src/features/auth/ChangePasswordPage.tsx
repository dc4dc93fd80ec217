import { Alert, App, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { authApi } from '../../api/endpoints.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useFormSubmit } from '../../shared/errors.ts';
import { Logo } from '../../shared/Logo.tsx';
import { useSession } from './session.tsx';

interface Values {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

// Shown instead of everything else while the server says mustChangePassword (it answers 403 to other calls).
export function ChangePasswordPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { refresh, logout } = useSession();
  const [form] = Form.useForm<Values>();

  const { busy, submit } = useFormSubmit(form, async (v: Values) => {
    await authApi.changePassword(v.currentPassword, v.newPassword);
    message.success(t('password.changed'));
    await refresh();
  });

  return (
    <div className="zw-login">
      <Card>
        <Flex vertical align="center" gap={4} style={{ marginBottom: 16 }}>
          <Logo size={40} />
          <Typography.Title level={4} style={{ margin: '8px 0 0' }}>
            {t('password.title')}
          </Typography.Title>
        </Flex>
        <Alert type="info" showIcon title={t('password.hint')} style={{ marginBottom: 16 }} />
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label={t('password.new')} rules={[{ required: true }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="repeat"
            label={t('password.repeat')}
            dependencies={['newPassword']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('password.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('common.save')}
          </Button>
          <Button type="link" block onClick={() => void logout()} style={{ marginTop: 8 }}>
            {t('layout.logout')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
