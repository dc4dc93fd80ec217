import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Progress,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { BacktestJob, BacktestResult, FitWeightsResult } from '../../../../contract/rules.ts';
import { BacktestView } from './BacktestView.tsx';
import type { BuiltinRule, RuleConfigVersion } from '../../../../contract/rules.ts';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';
import { rulesApi } from './api.ts';
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
  const [busy, setBusy] = useState(false);
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<BacktestResult | null>(null);
  const [range, setRange] = useState<[string, string] | null>(null);
  const [job, setJob] = useState<BacktestJob | null>(null);
  const [fit, setFit] = useState<FitWeightsResult | null>(null);
  const [fitting, setFitting] = useState(false);

  // a stored-period backtest runs on the server; poll its progress until it is done
  useEffect(() => {
    if (!job || job.state !== 'running') return;
    const timer = setTimeout(() => {
      rulesApi
        .backtestJob(job.id)
        .then((j) => {
          setJob(j);
          if (j.state === 'done' && j.result) setResult(j.result);
          if (j.state === 'failed') message.error(j.error ?? 'failed');
        })
        .catch((e: unknown) => {
          setJob(null);
          message.error(e instanceof Error ? e.message : String(e));
        });
    }, 500);
    return () => clearTimeout(timer);
  }, [job, message]);

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

  const backtest = async () => {
    setTesting(true);
    setErrors([]);
    try {
      setResult(await rulesApi.backtest({ ...base.config, ...form.getFieldsValue(true) }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 400)
        setErrors([...(e.field ? [{ field: e.field, reason: e.reason ?? e.message }] : []), ...e.details]);
      else message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setTesting(false);
    }
  };

  const storedBacktest = async () => {
    if (!range) return;
    setErrors([]);
    try {
      setJob(await rulesApi.storedBacktest({ ...base.config, ...form.getFieldsValue(true) }, range[0], range[1]));
    } catch (e) {
      if (e instanceof ApiError && e.status === 400)
        setErrors([...(e.field ? [{ field: e.field, reason: e.reason ?? e.message }] : []), ...e.details]);
      else message.error(e instanceof Error ? e.message : String(e));
    }
  };

  const fitWeights = async () => {
    setFitting(true);
    try {
      const f = await rulesApi.fitWeights();
      setFit(f);
      if (f.changed.length) form.setFieldsValue(f.draft as Config); // a draft in the form: a person saves it
      if (f.backtest) setResult(f.backtest);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setFitting(false);
    }
  };

  const save = async () => {
    setBusy(true);
    setErrors([]);
    try {
      const values = { ...base.config, ...form.getFieldsValue(true) };
      const saved = await rulesApi.save(values, note.trim() || undefined);
      message.success(rt('saved', { v: saved.version }));
      setNote('');
      onSaved(saved);
    } catch (e) {
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
    } finally {
      setBusy(false);
    }
  };

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
              <Button loading={testing} onClick={() => void backtest()}>
                {rt('backtest')}
              </Button>
              <DatePicker.RangePicker
                showTime
                placeholder={[rt('storedRange'), rt('storedRange')]}
                onChange={(r) => setRange(r?.[0] && r?.[1] ? [r[0].toISOString(), r[1].toISOString()] : null)}
              />
              <Button
                disabled={!range}
                loading={job?.state === 'running'}
                onClick={() => void storedBacktest()}
                data-testid="stored-backtest"
              >
                {rt('storedBacktest')}
              </Button>
              <Button loading={fitting} onClick={() => void fitWeights()} data-testid="fit-weights">
                {rt('fitWeights')}
              </Button>
              <Button type="primary" loading={busy} onClick={() => void save()}>
                {rt('save')}
              </Button>
            </Flex>
          </Card>
        )}
        {job?.state === 'running' && (
          <Card size="small">
            <Typography.Text>
              {rt('storedRunning', { done: job.processed.toLocaleString(), total: job.total.toLocaleString() })}
            </Typography.Text>
            <Progress percent={job.total ? Math.floor((job.processed * 100) / job.total) : 0} />
          </Card>
        )}
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
