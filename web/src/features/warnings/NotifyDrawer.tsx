import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, Select, Space, TreeSelect } from 'antd';
import { ApiError } from '../../api/client.ts';
import { useUnits } from '../admin/units/useUnits.ts';
import { useSession } from '../auth/session.tsx';
import { warningsApi, type UnitSettings } from './api.ts';
import { useWarnT } from './i18n.ts';

// 通知设置: per unit, the duty officer (值班民警, receives the unit's notices by name wherever they are logged in)
// and the group robot webhook (企业微信群机器人). Starts on the user's own unit; the server checks the rest.
export function NotifyDrawer({ open, onClose }: { open: boolean; onClose(): void }) {
  const t = useWarnT();
  const { message } = App.useApp();
  const { user } = useSession();
  const { treeData } = useUnits(open);
  const [unitId, setUnitId] = useState<string | undefined>(user?.unitId);
  const [s, setS] = useState<UnitSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ dutyUserId?: string; webhookUrl?: string }>();

  useEffect(() => {
    if (!open || !unitId) return;
    setError(null);
    warningsApi
      .unitSettings(unitId)
      .then((x) => {
        setS(x);
        form.setFieldsValue({ dutyUserId: x.dutyUserId ?? undefined, webhookUrl: x.webhookUrl ?? '' });
      })
      .catch((e: Error) => message.error(e.message));
  }, [open, unitId, form, message]);

  const save = async (v: { dutyUserId?: string; webhookUrl?: string }) => {
    if (!unitId) return;
    try {
      const x = await warningsApi.putUnitSettings(unitId, {
        dutyUserId: v.dutyUserId ?? null,
        webhookUrl: v.webhookUrl?.trim() ? v.webhookUrl.trim() : null,
      });
      setS(x);
      setError(null);
      message.success(t('saved'));
    } catch (e) {
      setError(e instanceof ApiError ? `${e.field ?? ''} ${e.message}`.trim() : String(e));
    }
  };

  return (
    <Drawer open={open} onClose={onClose} title={t('notifySettings')} size="large" destroyOnHidden>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('notifyHint')} />
        <TreeSelect
          style={{ width: '100%' }}
          treeData={treeData}
          value={unitId}
          onChange={setUnitId}
          showSearch
          treeNodeFilterProp="title"
          treeDefaultExpandAll
          placeholder={t('selectUnit')}
          data-testid="notify-unit"
        />
        {error && <Alert type="error" showIcon title={error} />}
        {s && (
          <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
            <Form.Item name="dutyUserId" label={t('dutyOfficer')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                data-testid="notify-duty"
                options={s.candidates.map((c) => ({ value: c.id, label: `${c.displayName} · ${c.unitName}` }))}
              />
            </Form.Item>
            <Form.Item
              name="webhookUrl"
              label={t('webhookUrl')}
              rules={[{ pattern: /^https?:\/\//, message: 'http(s)://…' }]}
            >
              <Input
                placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"
                data-testid="notify-webhook"
                maxLength={500}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" data-action="save-notify">
              {t('ok')}
            </Button>
          </Form>
        )}
      </Space>
    </Drawer>
  );
}
