import { useCallback, useRef, useState } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useI18n } from '../i18n/index.tsx';
import { purposeStore } from '../features/auth/session.tsx';

// 查询事由: every look at unmasked personal data is audited with a purpose. The officer states it once per
// browser session; `ask()` resolves with it (or null if they cancel).
export function usePurpose() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ purpose: string }>();
  const pending = useRef<((purpose: string | null) => void) | null>(null);

  const ask = useCallback(
    (force = false): Promise<string | null> => {
      const known = purposeStore.get();
      if (known && !force) return Promise.resolve(known);
      form.setFieldsValue({ purpose: known ?? '' });
      setOpen(true);
      return new Promise((resolve) => {
        pending.current = resolve;
      });
    },
    [form],
  );

  const finish = (purpose: string | null) => {
    setOpen(false);
    pending.current?.(purpose);
    pending.current = null;
  };

  const modal = (
    <Modal open={open} title={t('purpose.title')} onCancel={() => finish(null)} onOk={() => form.submit()} forceRender>
      <Alert type="info" showIcon title={t('purpose.hint')} style={{ marginBottom: 12 }} />
      <Form
        form={form}
        layout="vertical"
        onFinish={({ purpose }) => {
          const text = purpose.trim();
          purposeStore.set(text);
          finish(text);
        }}
      >
        <Form.Item
          name="purpose"
          rules={[{ required: true, whitespace: true, message: t('purpose.required') }, { max: 200 }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder={t('purpose.placeholder')}
            maxLength={200}
            data-testid="purpose-input"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
  return { ask, modal, current: purposeStore.get };
}
