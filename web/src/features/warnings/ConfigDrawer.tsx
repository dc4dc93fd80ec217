import { useEffect, useState } from 'react';
import { Alert, App, Button, Drawer, Input, InputNumber, Space, Table, Typography } from 'antd';
import { ApiError } from '../../api/client.ts';
import { warningsApi, type DissuasionConfig, type LevelSla } from './api.ts';
import { useWarnT } from './i18n.ts';
import { useI18n } from '../../i18n/index.tsx';
import { formatTime } from '../../shared/labels.ts';

// 时限设置: the time limits per level and the follow-up days, as the centre sets them. Everyone on the workflow
// can read them (they explain the countdowns); the centre (rules:write) saves a new version.
const LEVELS = ['high', 'medium', 'low'] as const;
const FIELDS = [
  ['autoContactMs', 'autoContactMin'],
  ['retryBackoffMs', 'retryMin'],
  ['reviewMs', 'reviewMin'],
  ['routeMs', 'routeMin'],
  ['signMs', 'signMin'],
  ['visitMs', 'visitMin'],
  ['feedbackMs', 'feedbackMin'],
] as const;
const MIN = 60_000;

export function ConfigDrawer({ open, onClose, editable }: { open: boolean; onClose(): void; editable: boolean }) {
  const t = useWarnT();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const [cfg, setCfg] = useState<DissuasionConfig | null>(null);
  const [levels, setLevels] = useState<Record<string, LevelSla> | null>(null);
  const [days, setDays] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    warningsApi
      .config()
      .then((c) => {
        setCfg(c);
        setLevels(structuredClone(c.sla.levels));
        setDays(c.followup.days.join(', '));
        setError(null);
      })
      .catch((e: Error) => message.error(e.message));
  }, [open, message]);

  const save = async () => {
    if (!levels) return;
    const parsed = days
      .split(/[,，\s]+/)
      .filter(Boolean)
      .map(Number);
    if (parsed.some((d) => !Number.isInteger(d))) {
      setError(`${t('followupDays')}: 1, 7, 30 …`);
      return;
    }
    setSaving(true);
    try {
      const c = await warningsApi.putConfig({
        levels: levels as DissuasionConfig['sla']['levels'],
        followupDays: parsed,
      });
      setCfg(c);
      setError(null);
      message.success(t('configSaved'));
    } catch (e) {
      setError(
        e instanceof ApiError
          ? [e.message, ...e.details.slice(1).map((d) => `${d.field}: ${d.reason}`)].join('\n')
          : String(e),
      );
    } finally {
      setSaving(false);
    }
  };

  const set = (level: string, field: string, minutes: number | null) =>
    setLevels((l) =>
      l && minutes != null ? { ...l, [level]: { ...l[level]!, [field]: Math.round(minutes * MIN) } } : l,
    );
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('configTitle')}
      size="large"
      extra={
        editable && (
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="config-save">
            {t('ok')}
          </Button>
        )
      }
    >
      {cfg && levels && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {t('configVersion')}: {cfg.sla.version}
            {cfg.updatedBy ? ` · ${t('updatedBy')}: ${cfg.updatedBy} · ${formatTime(cfg.updatedAt!, lang)}` : ''}
          </Typography.Text>
          <Table
            size="small"
            pagination={false}
            rowKey="level"
            dataSource={LEVELS.map((level) => ({ level }))}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('level'), dataIndex: 'level', render: (l: string) => t(`level.${l}`) },
              ...FIELDS.map(([field, label]) => ({
                title: t(label),
                key: field,
                render: (_: unknown, r: { level: string }) => {
                  const v = (levels[r.level] as unknown as Record<string, number>)[field]! / MIN;
                  return editable ? (
                    <InputNumber
                      min={1}
                      max={43_200}
                      value={v}
                      onChange={(x) => set(r.level, field, x)}
                      style={{ width: 110 }}
                      data-field={`${r.level}.${field}`}
                    />
                  ) : (
                    v
                  );
                },
              })),
            ]}
          />
          <div>
            <Typography.Text strong>{t('followupDays')}</Typography.Text>
            {editable ? (
              <Input value={days} onChange={(e) => setDays(e.target.value)} data-field="followupDays" />
            ) : (
              <div>{days}</div>
            )}
          </div>
          {error && <Alert type="error" showIcon message={<span style={{ whiteSpace: 'pre-line' }}>{error}</span>} />}
        </Space>
      )}
    </Drawer>
  );
}
