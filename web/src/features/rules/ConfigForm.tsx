import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BacktestResult, BuiltinRule, RuleConfigVersion } from '../../../../contract/rules.ts';
import { BacktestView } from './BacktestView.tsx';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';
import { rulesApi, rulesKeys, useBacktestJob } from './api.ts';
import { JobProgress, PeriodPicker, type Period } from './StoredPeriod.tsx';
import { fieldLabel, useRulesT } from './i18n.ts';

type Config = Record<string, unknown>;
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
// Yuan amounts (minAmount, largeAmount, minTotal), not the weights next to them (largeAmountBonus is points).
const AMOUNT = /(amount|total)$/i;

/** 7200 → "2 小时" / "2 h": windows are stored in seconds, analysts think in minutes, hours and days. */
export function humanDuration(sec: unknown, lang: string): string | null {
  if (typeof sec !== 'number' || !Number.isFinite(sec) || sec < 60) return null;
  const en = lang === 'en-US';
  const units: [number, string, string][] = [
    [86_400, ' 天', ' d'],
    [3600, ' 小时', ' h'],
    [60, ' 分钟', ' min'],
  ];
  for (const [n, zh, e] of units) {
    if (sec >= n) {
      const v = Math.round((sec / n) * 10) / 10;
      return `≈ ${v}${en ? e : zh}`;
    }
  }
  return null;
}

function DurationHint({ name }: { name: string[] }) {
  const { lang } = useI18n();
  const v = Form.useWatch(name) as unknown;
  const h = humanDuration(v, lang);
  return h ? <span>{h}</span> : null;
}

interface Props {
  base: RuleConfigVersion;
  rules: BuiltinRule[];
  globalSections: string[];
  canWrite: boolean;
  onSaved: (v: RuleConfigVersion) => void;
}

/**
 * The engine configuration as a form, one card per section with the rules that read it. The field set comes from
 * the config itself, so a new engine parameter appears here without a UI change; validation is the server's.
 */
export function ConfigForm({ base, rules, globalSections, canWrite, onSaved }: Props) {
  const rt = useRulesT();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Config>();
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ field: string; reason: string }[]>([]);
  const qc = useQueryClient();
  const [range, setRange] = useState<Period | null>(null);
  // which diff is on screen: the latest backtest asked for (simulated, stored period, or the weight fit's)
  const [shown, setShown] = useState<'simulation' | 'stored' | 'fit' | null>(null);
  const draft = () => ({ ...base.config, ...form.getFieldsValue(true) });
  // a 400 names the fields at fault: listed above the buttons rather than in a toast
  const fieldErrors = (e: unknown) => {
    if (e instanceof ApiError && e.status === 400)
      setErrors([...(e.field ? [{ field: e.field, reason: e.reason ?? e.message }] : []), ...e.details]);
    else message.error(e instanceof Error ? e.message : String(e));
  };

  const simulated = useMutation({
    mutationFn: (config: Config) => rulesApi.backtest(config),
    onMutate: () => {
      setErrors([]);
      setShown('simulation');
    },
    onError: fieldErrors,
  });
  const stored = useMutation({
    mutationFn: ([config, [from, to]]: [Config, Period]) => rulesApi.storedBacktest(config, from, to),
    onMutate: () => {
      setErrors([]);
      setShown('stored');
    },
    onError: fieldErrors,
  });
  const job = useBacktestJob(stored.data);
  const fitting = useMutation({
    mutationFn: () => rulesApi.fitWeights(),
    onMutate: () => setShown('fit'),
    onSuccess: (f) => {
      if (f.changed.length) form.setFieldsValue(f.draft as Config); // a draft in the form: a person saves it
    },
  });
  const fit = fitting.data;
  const result: BacktestResult | null | undefined =
    shown === 'simulation'
      ? simulated.data
      : shown === 'stored'
        ? job.data?.result
        : shown === 'fit'
          ? fit?.backtest
          : undefined;

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(base.config);
    setErrors([]);
  }, [base, form]);

  const sections = useMemo(() => {
    const order = [
      ...globalSections.filter((s) => isObject(base.config[s])),
      ...rules.flatMap((r) => r.configSections),
    ];
    const seen = new Set<string>();
    const objects = order.filter((s) => isObject(base.config[s]) && !seen.has(s) && seen.add(s));
    for (const k of Object.keys(base.config))
      if (isObject(base.config[k]) && !seen.has(k)) {
        seen.add(k);
        objects.push(k);
      }
    const scalars = Object.keys(base.config).filter((k) => k !== 'version' && !isObject(base.config[k]));
    return { objects, scalars };
  }, [base, rules, globalSections]);

  const usedBy = (section: string) => rules.filter((r) => r.configSections.includes(section));

  const field = (name: string[], value: unknown) => {
    const label = fieldLabel(lang, name[0]!, name[1]);
    const key = name[name.length - 1]!;
    const input = Array.isArray(value) ? (
      <Select mode="tags" tokenSeparators={[',', '，']} style={{ width: '100%' }} disabled={!canWrite} />
    ) : (
      <InputNumber
        style={{ width: 180 }}
        disabled={!canWrite}
        suffix={key.endsWith('Sec') ? rt('sec') : AMOUNT.test(key) ? rt('yuan') : undefined}
      />
    );
    return (
      <Form.Item
        key={name.join('.')}
        name={name}
        label={label}
        tooltip={name.join('.')}
        extra={key.endsWith('Sec') ? <DurationHint name={name} /> : undefined}
        style={{ minWidth: Array.isArray(value) ? '100%' : 200, marginBottom: 12 }}
      >
        {input}
      </Form.Item>
    );
  };

  const saving = useMutation({
    mutationFn: (config: Config) => rulesApi.save(config, note.trim() || undefined),
    onMutate: () => setErrors([]),
    onSuccess: (saved) => {
      message.success(rt('saved', { v: saved.version }));
      setNote('');
      onSaved(saved);
    },
    // the version in force and the history both changed
    onSettled: () => qc.invalidateQueries({ queryKey: rulesKeys.all }),
    onError: (e) => {
      if (e instanceof ApiError && e.status === 400) {
        const all = [...(e.field ? [{ field: e.field, reason: e.reason ?? e.message }] : []), ...e.details].filter(
          (p, i, arr) => arr.findIndex((q) => q.field === p.field && q.reason === p.reason) === i,
        );
        setErrors(all);
        // "config/loans/minCount" → the form field ['loans', 'minCount']; a section-level error marks its fields
        form.setFields(
          all.flatMap((p) => {
            const path = p.field
              .replace(/^config\/?/, '')
              .split('/')
              .filter(Boolean);
            const v = path.reduce<unknown>((o, k) => (isObject(o) ? o[k] : undefined), base.config);
            if (path.length && isObject(v))
              return Object.keys(v).map((k) => ({ name: [...path, k], errors: [p.reason] }));
            return path.length ? [{ name: path, errors: [p.reason] }] : [];
          }),
        );
      } else message.error(e instanceof Error ? e.message : String(e));
    },
  });

  return (
    <Form form={form} layout="vertical" initialValues={base.config}>
      {!canWrite && <Alert type="info" showIcon title={rt('readOnly')} style={{ marginBottom: 12 }} />}
      <Flex vertical gap={12}>
        {sections.scalars.length > 0 && (
          <Card size="small" title={rt('global')}>
            <Flex wrap gap={16}>
              {sections.scalars.map((k) => field([k], base.config[k]))}
            </Flex>
          </Card>
        )}
        {sections.objects.map((s) => (
          <Card
            key={s}
            size="small"
            title={`${fieldLabel(lang, s)} · ${s}`}
            extra={
              <Space wrap size={4}>
                {usedBy(s).map((r) => (
                  <Tag key={r.id} color="blue">
                    {lang === 'en-US' ? r.titleEn : r.title}
                  </Tag>
                ))}
              </Space>
            }
          >
            <Flex wrap gap={16}>
              {Object.entries(base.config[s] as Record<string, unknown>).map(([k, v]) => field([s, k], v))}
            </Flex>
          </Card>
        ))}
        {errors.length > 0 && (
          <Alert
            type="error"
            showIcon
            title={rt('invalid')}
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {errors.map((p) => (
                  <li key={p.field + p.reason}>
                    <code>{p.field}</code>：{p.reason}
                  </li>
                ))}
              </ul>
            }
          />
        )}
        {canWrite && (
          <Card size="small">
            <Flex gap={8} wrap align="center">
              <Input
                style={{ flex: 1, minWidth: 280 }}
                maxLength={500}
                placeholder={rt('notePlaceholder')}
                prefix={<span style={{ color: '#888' }}>{rt('note')}：</span>}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
              <Button
                onClick={() => {
                  form.resetFields();
                  form.setFieldsValue(base.config);
                  setErrors([]);
                }}
              >
                {rt('reset')}
              </Button>
              <Button loading={simulated.isPending} onClick={() => simulated.mutate(draft())}>
                {rt('backtest')}
              </Button>
              <PeriodPicker onChange={setRange} />
              <Button
                disabled={!range}
                loading={stored.isPending || job.data?.state === 'running'}
                onClick={() => range && stored.mutate([draft(), range])}
                data-testid="stored-backtest"
              >
                {rt('storedBacktest')}
              </Button>
              <Button loading={fitting.isPending} onClick={() => fitting.mutate()} data-testid="fit-weights">
                {rt('fitWeights')}
              </Button>
              <Button type="primary" loading={saving.isPending} onClick={() => saving.mutate(draft())}>
                {rt('save')}
              </Button>
            </Flex>
          </Card>
        )}
        {shown === 'stored' && <JobProgress job={job.data} />}
        {fit && (
          <Card size="small" title={rt('fitTitle', { n: fit.examples, pos: fit.positives })} data-testid="fit-result">
            <Typography.Paragraph type="secondary">
              {fit.changed.length ? rt('fitHint') : rt('fitNone')}
            </Typography.Paragraph>
            <Table
              size="small"
              rowKey="ruleId"
              pagination={false}
              scroll={{ x: true }}
              dataSource={fit.rules}
              columns={[
                { title: rt('rule'), dataIndex: 'ruleId' },
                { title: rt('hitsCol'), dataIndex: 'n' },
                { title: rt('realCol'), dataIndex: 'positives' },
                { title: rt('factor'), dataIndex: 'factor' },
              ]}
            />
            {fit.changed.length > 0 && (
              <Typography.Paragraph style={{ marginTop: 8 }}>
                {rt('changedCol')}：
                {fit.changed.map((c) => (
                  <Tag key={c.path}>
                    {c.path} {c.before} → {c.after}
                  </Tag>
                ))}
              </Typography.Paragraph>
            )}
          </Card>
        )}
        {result && <BacktestView r={result} />}
      </Flex>
    </Form>
  );
}
