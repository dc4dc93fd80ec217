import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { parsePaymentText } from '../../../../contract/payment-text.ts';
import { ApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';
import { FRAUD_TYPES } from '../indicators/i18n.ts';
import { casesApi, type NewCase } from './api.ts';
import { CHANNELS, CONTACTS, ID_KINDS, useCasesT, useNames } from './i18n.ts';

// 接警登记 on a phone, with the victim on the line: victim, types, each payment (paste the bank SMS and the fields
// fill in; the bank comes from the card BIN), identifiers. Errors from the server land next to their field.

/** 'YYYY-MM-DDTHH:mm' in China time, for <input type="datetime-local"> */
const chinaLocal = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16);
const toIso = (local: string) => (local.length === 16 ? `${local}:00+08:00` : `${local}+08:00`);
const isoToLocal = (iso: string) => chinaLocal(Date.parse(iso));

interface PaymentForm {
  paste?: string;
  paidAt?: string;
  amount?: number;
  toAccount?: string;
  toName?: string;
  toBank?: string;
  fromAccount?: string;
  channel?: string;
}
interface FormValues {
  reportedAt: string;
  victimName: string;
  victimPhone: string;
  victimId?: string;
  fraudTypes: string[];
  loss?: number;
  summary?: string;
  source?: string;
  contactMethod?: string;
  reference?: string;
  payments: PaymentForm[];
  identifiers?: { kind: string; value: string }[];
}

export function IntakePage() {
  const t = useCasesT();
  const n = useNames();
  const { lang } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [hints, setHints] = useState<Record<number, string>>({});
  const [bankHints, setBankHints] = useState<Record<number, string>>({});

  const create = useMutation({
    mutationFn: casesApi.create,
    onSuccess: (c) => {
      void queries.invalidateQueries({ queryKey: ['cases', 'list'] });
      message.success(t('created', { no: c.caseNo }));
      navigate(`/cases/${c.id}`);
    },
    // the refusal's fields go next to their inputs, and its words in one toast
    onError: (e) => {
      if (e instanceof ApiError) {
        const problems = e.details.length
          ? e.details
          : e.field
            ? [{ field: e.field, reason: e.reason ?? e.message }]
            : [];
        const map: Record<string, (string | number)[]> = {
          'victim.name': ['victimName'],
          'victim.phone': ['victimPhone'],
          'victim.idNumber': ['victimId'],
        };
        form.setFields(
          problems.map((p) => ({
            name: (map[p.field] ?? p.field.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x))) as never,
            errors: [p.reason],
          })),
        );
        message.error(e.message);
      } else message.error(String(e));
    },
  });

  const readPaste = (i: number) => {
    const text = form.getFieldValue(['payments', i, 'paste']) as string | undefined;
    const p = parsePaymentText(text ?? '');
    const set: PaymentForm = {};
    if (p.paidAt) set.paidAt = isoToLocal(p.paidAt);
    if (p.amount !== undefined) set.amount = p.amount;
    if (p.toAccount) set.toAccount = p.toAccount;
    if (p.toName) set.toName = p.toName;
    if (p.toBank) set.toBank = p.toBank;
    if (p.channel) set.channel = p.channel;
    const payments = [...(form.getFieldValue('payments') as PaymentForm[])];
    payments[i] = { ...payments[i], ...set };
    form.setFieldsValue({ payments });
    const keys = Object.keys(set);
    setHints((h) => ({
      ...h,
      [i]: keys.length ? t('parsed', { fields: keys.map((k) => t(k as 'amount')).join('、') }) : t('parsedNothing'),
    }));
    if (p.toAccount && !p.toBank) void lookupBank(i);
  };

  const lookupBank = async (i: number) => {
    const account = form.getFieldValue(['payments', i, 'toAccount']) as string | undefined;
    if (!account || account.replace(/\D/g, '').length < 10) return;
    // a hint only: cached per account, and a failed look-up says nothing
    const r = await queries
      .fetchQuery({
        queryKey: ['cases', 'bank-of', account],
        queryFn: () => casesApi.bankOf(account),
        staleTime: Infinity,
      })
      .catch(() => null);
    if (!r?.ok) return;
    if (r.bank && !form.getFieldValue(['payments', i, 'toBank'])) {
      form.setFieldValue(['payments', i, 'toBank'], r.bank);
    }
    setBankHints((h) => ({
      ...h,
      [i]: [r.bank ? t('bankFromBin', { bank: r.bank }) : '', r.luhnOk === false ? t('luhn') : '']
        .filter(Boolean)
        .join('；'),
    }));
  };

  const submit = (v: FormValues) => {
    const body: NewCase = {
      reportedAt: toIso(v.reportedAt),
      victim: { name: v.victimName, phone: v.victimPhone, ...(v.victimId ? { idNumber: v.victimId } : {}) },
      fraudTypes: v.fraudTypes,
      loss: v.loss ?? (v.payments ?? []).reduce((s, p) => s + (p.amount ?? 0), 0),
      summary: v.summary ?? '',
      payments: (v.payments ?? []).map((p) => ({
        paidAt: p.paidAt ? toIso(p.paidAt) : '',
        amount: p.amount ?? 0,
        toAccount: p.toAccount ?? '',
        ...(p.toName ? { toName: p.toName } : {}),
        ...(p.toBank ? { toBank: p.toBank } : {}),
        ...(p.fromAccount ? { fromAccount: p.fromAccount } : {}),
        ...(p.channel ? { channel: p.channel as NewCase['payments'][number]['channel'] } : {}),
      })),
      ...(v.identifiers?.length ? { identifiers: v.identifiers.filter((x) => x.kind && x.value) } : {}),
      ...(v.source ? { source: v.source as NewCase['source'] } : {}),
      ...(v.contactMethod ? { contactMethod: v.contactMethod as NewCase['contactMethod'] } : {}),
      ...(v.reference ? { reference: v.reference } : {}),
    };
    create.mutate(body);
  };

  return (
    <Card title={t('newCase')} style={{ maxWidth: 720, margin: '0 auto' }} styles={{ body: { padding: 12 } }}>
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        data-testid="intake-form"
        initialValues={{ reportedAt: chinaLocal(Date.now()), source: 'walk_in', payments: [{}], fraudTypes: [] }}
      >
        <Form.Item name="reportedAt" label={t('reportedAt')} rules={[{ required: true, message: t('required') }]}>
          <Input type="datetime-local" />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="source" label={t('source')} style={{ flex: 1 }}>
            <Select
              options={['call_96110', 'walk_in', 'online', 'public_report'].map((s) => ({
                value: s,
                label: n.source(s),
              }))}
            />
          </Form.Item>
          <Form.Item name="contactMethod" label={t('contactMethod')} style={{ flex: 1 }}>
            <Select allowClear options={Object.keys(CONTACTS).map((k) => ({ value: k, label: n.pick(CONTACTS, k) }))} />
          </Form.Item>
        </Space.Compact>
        <Typography.Title level={5}>{t('victim')}</Typography.Title>
        <Form.Item name="victimName" label={t('victimName')} rules={[{ required: true, message: t('required') }]}>
          <Input autoComplete="off" data-testid="victim-name" />
        </Form.Item>
        <Form.Item name="victimPhone" label={t('victimPhone')} rules={[{ required: true, message: t('required') }]}>
          <Input inputMode="tel" autoComplete="off" data-testid="victim-phone" />
        </Form.Item>
        <Form.Item name="victimId" label={t('victimId')}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="fraudTypes" label={t('fraudTypes')} rules={[{ required: true, message: t('required') }]}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            data-testid="fraud-types"
            options={FRAUD_TYPES.map(([value, zh, en]) => ({ value, label: lang === 'en-US' ? en : zh }))}
          />
        </Form.Item>

        <Typography.Title level={5}>{t('payments')}</Typography.Title>
        <Form.List name="payments">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }) => (
                <Card
                  key={key}
                  size="small"
                  style={{ marginBottom: 8 }}
                  data-testid={`payment-${name}`}
                  extra={
                    fields.length > 1 && (
                      <Button size="small" type="text" icon={<DeleteOutlined />} onClick={() => remove(name)} />
                    )
                  }
                >
                  <Form.Item name={[name, 'paste']} label={t('paste')} style={{ marginBottom: 4 }}>
                    <Input.TextArea rows={2} placeholder={t('pastePlaceholder')} data-testid={`paste-${name}`} />
                  </Form.Item>
                  <Button
                    size="small"
                    icon={<ThunderboltOutlined />}
                    onClick={() => readPaste(name)}
                    data-testid={`parse-${name}`}
                  >
                    {t('parse')}
                  </Button>
                  {hints[name] && (
                    <Alert
                      style={{ marginTop: 4 }}
                      type="info"
                      showIcon
                      message={hints[name]}
                      data-testid={`hint-${name}`}
                    />
                  )}
                  <Form.Item
                    name={[name, 'paidAt']}
                    label={t('paidAt')}
                    rules={[{ required: true, message: t('required') }]}
                    style={{ marginTop: 8 }}
                  >
                    <Input type="datetime-local" />
                  </Form.Item>
                  <Form.Item
                    name={[name, 'amount']}
                    label={t('amount')}
                    rules={[{ required: true, message: t('required') }]}
                  >
                    <InputNumber min={0.01} step={100} style={{ width: '100%' }} inputMode="decimal" />
                  </Form.Item>
                  <Form.Item
                    name={[name, 'toAccount']}
                    label={t('toAccount')}
                    rules={[{ required: true, message: t('required') }]}
                  >
                    <Input
                      inputMode="numeric"
                      onBlur={() => void lookupBank(name)}
                      data-testid={`to-account-${name}`}
                    />
                  </Form.Item>
                  {bankHints[name] && (
                    <Alert
                      style={{ marginBottom: 8 }}
                      type={
                        bankHints[name].includes('校验') || bankHints[name].includes('check') ? 'warning' : 'success'
                      }
                      showIcon
                      message={bankHints[name]}
                      data-testid={`bank-hint-${name}`}
                    />
                  )}
                  <Form.Item name={[name, 'toName']} label={t('toName')}>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[name, 'toBank']} label={t('toBank')}>
                    <Input data-testid={`to-bank-${name}`} />
                  </Form.Item>
                  <Form.Item name={[name, 'channel']} label={t('channel')}>
                    <Select
                      allowClear
                      options={Object.keys(CHANNELS).map((k) => ({ value: k, label: n.pick(CHANNELS, k) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[name, 'fromAccount']} label={t('fromAccount')}>
                    <Input inputMode="numeric" />
                  </Form.Item>
                </Card>
              ))}
              <Button block icon={<PlusOutlined />} onClick={() => add({})} data-testid="add-payment">
                {t('addPayment')}
              </Button>
            </>
          )}
        </Form.List>

        <Form.Item name="loss" label={t('loss')} style={{ marginTop: 12 }}>
          <InputNumber min={0} style={{ width: '100%' }} inputMode="decimal" />
        </Form.Item>
        <Form.Item name="summary" label={t('summary')}>
          <Input.TextArea rows={3} />
        </Form.Item>

        <Typography.Title level={5}>{t('identifiers')}</Typography.Title>
        <Form.List name="identifiers">
          {(fields, { add, remove }) => (
            <>
              {fields.map(({ key, name }) => (
                <Space.Compact key={key} block style={{ marginBottom: 8 }}>
                  <Form.Item name={[name, 'kind']} noStyle>
                    <Select
                      style={{ width: 130 }}
                      options={Object.keys(ID_KINDS).map((k) => ({ value: k, label: n.pick(ID_KINDS, k) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[name, 'value']} noStyle>
                    <Input />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(name)} />
                </Space.Compact>
              ))}
              <Button size="small" icon={<PlusOutlined />} onClick={() => add({ kind: 'phone' })}>
                {t('addIdentifier')}
              </Button>
            </>
          )}
        </Form.List>
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          loading={create.isPending}
          style={{ marginTop: 16 }}
          data-testid="submit-case"
        >
          {t('submit')}
        </Button>
      </Form>
    </Card>
  );
}
