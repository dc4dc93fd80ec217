import { useEffect } from 'react';
import { App, Button, Drawer, Form, Input, Select, Space, TreeSelect } from 'antd';
import type { Role, User } from '../../../../../contract/access.ts';
import { usersApi } from '../../../api/endpoints.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useFormSubmit } from '../../../shared/errors.ts';
import { roleOptions } from '../../../shared/labels.ts';
import type { TreeOption } from '../units/tree.ts';

interface Values {
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  phone?: string;
  password?: string;
}

/** Create (user undefined) or edit a user. A created user's temporary password goes to onCreated, shown once. */
export function UserDrawer(props: {
  open: boolean;
  user?: User;
  unitTree: TreeOption[];
  onClose(): void;
  onSaved(): void;
  onCreated(user: User, temporaryPassword?: string): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const editing = !!props.user;

  useEffect(() => {
    if (!props.open) return;
    form.resetFields();
    if (props.user) {
      const u = props.user;
      form.setFieldsValue({
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        unitId: u.unitId,
        phone: u.phone ?? '',
      });
    }
  }, [props.open, props.user, form]);

  const { busy, submit } = useFormSubmit(form, async (v: Values) => {
    const phone = v.phone?.trim() || undefined;
    if (props.user) {
      await usersApi.update(props.user.id, {
        displayName: v.displayName.trim(),
        role: v.role,
        unitId: v.unitId,
        phone: phone ?? null,
      });
      message.success(t('common.saved'));
      props.onSaved();
    } else {
      const res = await usersApi.create({
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        role: v.role,
        unitId: v.unitId,
        phone,
        password: v.password || undefined,
      });
      props.onCreated(res.user, res.temporaryPassword);
    }
  });

  return (
    <Drawer
      open={props.open}
      onClose={props.onClose}
      title={editing ? t('users.edit') : t('users.new')}
      size="default"
      destroyOnHidden
      styles={{ wrapper: { maxWidth: '100vw' } }}
      extra={
        <Space>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="user-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form
        form={form}
        name="user"
        layout="vertical"
        onFinish={submit}
        initialValues={{ username: '', displayName: '', phone: '', password: '' }}
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          rules={[{ required: true }, { pattern: /^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/ }]}
        >
          <Input disabled={editing} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
          <Select options={roleOptions(t)} />
        </Form.Item>
        <Form.Item name="unitId" label={t('users.unit')} rules={[{ required: true }]}>
          <TreeSelect treeData={props.unitTree} showSearch treeNodeFilterProp="title" treeDefaultExpandAll />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')}>
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        {!editing && (
          <Form.Item name="password" label={t('users.password')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
