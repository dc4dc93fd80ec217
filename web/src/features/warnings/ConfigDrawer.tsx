import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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
  const [levels, setLevels] = useState<Record<string, LevelSla> | null>(null);
  const [days, setDays] = useState('');
  const [error, setError] = useState<string | null>(null);
  const queries = useQueryClient();
  const config = useQuery({ queryKey: ['warnings', 'config'], queryFn: warningsApi.config, enabled: open });
  const cfg = config.data ?? null;
  // the form starts from the stored configuration each time it is (re)read
  useEffect(() => {
    if (!open || !config.data) return;
    setLevels(structuredClone(config.data.sla.levels));
    setDays(config.data.followup.days.join(', '));
    setError(null);
  }, [open, config.data]);
  const put = useMutation({
    mutationFn: warningsApi.putConfig,
    onSuccess: (c) => {
      queries.setQueryData(['warnings', 'config'], c);
      message.success(t('configSaved'));
    },
    onError: (e) =>
      setError(
        e instanceof ApiError
          ? [e.message, ...e.details.slice(1).map((d) => `${d.field}: ${d.reason}`)].join('\n')
          : String(e),
      ),
    // running countdowns follow the new limits
    onSettled: () => queries.invalidateQueries({ queryKey: ['warnings', 'board'] }),
  });
  const saving = put.isPending;

  const save = () => {
    if (!levels) return;
    const parsed = days
      .split(/[,，\s]+/)
      .filter(Boolean)
      .map(Number);
    if (parsed.some((d) => !Number.isInteger(d))) {
      setError(`${t('followupDays')}: 1, 7, 30 …`);
      return;
    }
    put.mutate({ levels: levels as DissuasionConfig['sla']['levels'], followupDays: parsed });
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
          <Button type="primary" loading={saving} onClick={save} data-testid="config-save">
            {t('ok')}
          </Button>
        )
      }
    >
      {cfg && levels && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {t('configVersion')}: {versionName(cfg.sla.version, t)}
            {cfg.updatedBy ? ` · ${t('updatedBy')}: ${cfg.updatedBy} · ${formatTime(cfg.updatedAt!, lang)}` : ''}
          </Typography.Text>
          {/* one row per time limit, one column per level: fits a 736 px drawer and a phone without cutting */}
          <Table
            size="small"
            pagination={false}
            rowKey="field"
            dataSource={FIELDS.map(([field, label]) => ({ field, label }))}
            scroll={{ x: 'max-content' }}
            data-testid="config-table"
            columns={[
              { title: '', dataIndex: 'label', render: (l: string) => t(l) },
              ...LEVELS.map((level) => ({
                title: t(`level.${level}`),
                key: level,
                render: (_: unknown, r: { field: string }) => {
                  const v = (levels[level] as unknown as Record<string, number>)[r.field]! / MIN;
                  return editable ? (
                    <InputNumber
                      min={1}
                      max={43_200}
                      value={v}
                      onChange={(x) => set(level, r.field, x)}
                      style={{ width: 96 }}
                      data-field={`${level}.${r.field}`}
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

/** `sla-default-1` (built in) / `sla-7` (the 7th saved version) in words. */
export function versionName(version: string, t: (k: string, v?: Record<string, string | number>) => string): string {
  const m = /^sla-(default-)?(\d+)$/.exec(version);
  if (!m) return version;
  return m[1] ? t('configBuiltin') : t('configSeq', { n: m[2]! });
}
