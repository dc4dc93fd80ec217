import { useState } from 'react';
import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { IndicatorItem } from '../../../../contract/indicators.ts';
import { useI18n } from '../../i18n/index.tsx';
import { indicatorsApi } from './api.ts';
import { FRAUD_TYPES, KINDS, useIndicatorT } from './i18n.ts';

interface Values {
  kind: string;
  value: string;
  list: string;
  reason?: string;
  confidence?: number;
  validUntil?: { toISOString(): string } | null;
  fraudType?: string;
}

/** One indicator through the bulk endpoint: a rejected item's problems go next to the fields they name. */
export function IndicatorForm({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const ti = useIndicatorT();
  const { lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const item: IndicatorItem = {
        kind: v.kind,
        value: v.value,
        list: v.list,
        reason: v.reason || undefined,
        confidence: v.confidence ?? undefined,
        validUntil: v.validUntil ? v.validUntil.toISOString() : undefined,
        fraudType: v.fraudType || undefined,
      };
      const res = await indicatorsApi.upsert([item]);
      const r = res.items[0];
      if (r?.status === 'rejected') {
        form.setFields((r.problems ?? []).map((p) => ({ name: p.field as keyof Values, errors: [p.reason] })));
        return;
      }
      message.success(r?.status === 'updated' ? ti('updated') : ti('created'));
      onSaved();
      onClose();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={ti('add')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: 'phone', list: 'block', confidence: 80 }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="kind" label={ti('kind')} rules={[{ required: true, message: ti('required') }]}>
          <Select options={KINDS.map((k) => ({ value: k, label: ti(`kind.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="value"
          label={ti('value')}
          rules={[{ required: true, whitespace: true, message: ti('required') }]}
        >
          <Input maxLength={2048} />
        </Form.Item>
        <Form.Item name="list" label={ti('list')}>
          <Select
            options={[
              { value: 'block', label: ti('list.block') },
              { value: 'allow', label: ti('list.allow') },
            ]}
          />
        </Form.Item>
        <Form.Item name="reason" label={ti('reason')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="fraudType" label={ti('fraudType')}>
          <Select
            allowClear
            options={FRAUD_TYPES.map(([code, zh, en]) => ({ value: code, label: lang === 'en-US' ? en : zh }))}
          />
        </Form.Item>
        <Form.Item name="confidence" label={ti('confidence')}>
          <InputNumber min={0} max={100} precision={0} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="validUntil" label={ti('validUntil')}>
          <DatePicker showTime />
        </Form.Item>
      </Form>
    </Modal>
  );
}
