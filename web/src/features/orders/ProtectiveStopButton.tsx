import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal } from 'antd';
import { ApiError } from '../../api/client.ts';
import { useSession } from '../auth/session.tsx';
import { ordersApi } from './api.ts';
import { useOrdersT } from './i18n.ts';

/**
 * 预警即止付: a protective stop on the warned person's own account, asked for from the warning page. The bank is
 * found from the account's BIN unless given; a human confirms it (the reason is recorded with the order).
 */
export function ProtectiveStopButton({ warningId, account }: { warningId: string; account?: string | null }) {
  const { t } = useOrdersT();
  const { can } = useSession();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ account: string; bank?: string; amount?: number; reason?: string }>();
  const queries = useQueryClient();
  const create = useMutation({
    mutationFn: ordersApi.create,
    onSuccess: () => {
      message.success(t('done'));
      setOpen(false);
    },
    // the account's refusal (e.g. its stop limit reached) stands next to it; anything else in one toast
    onError: (err) => {
      if (err instanceof ApiError && err.field)
        form.setFields([
          {
            name: err.field as 'account',
            errors: [err.code === 'stop_limit_reached' ? t('stopLimit') : (err.reason ?? err.message)],
          },
        ]);
      else message.error(err.message);
    },
    onSettled: () => queries.invalidateQueries({ queryKey: ['orders'] }),
  });
  if (!can('orders:write')) return null;
  const submit = async () => {
    const v = await form.validateFields();
    create.mutate({
      kind: 'protective_stop',
      warningId,
      account: v.account.replace(/\s+/g, ''),
      ...(v.bank ? { bank: v.bank } : {}),
      ...(v.amount != null ? { amount: v.amount } : {}),
      ...(v.reason ? { reason: v.reason } : {}),
    });
  };
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="protective-stop">
        {t('protectiveStop')}
      </Button>
      {open && (
        <Modal
          open
          title={t('protectiveStop')}
          onOk={submit}
          onCancel={() => setOpen(false)}
          confirmLoading={create.isPending}
          okText={t('send')}
          cancelText={t('cancel')}
          width={380}
        >
          <Form
            form={form}
            layout="vertical"
            initialValues={{ account: account && !account.includes('*') ? account : '' }}
          >
            <Form.Item
              name="account"
              label={t('account')}
              rules={[{ required: true, pattern: /^[\d\s]{10,30}$/, message: t('accountHint') }]}
            >
              <Input inputMode="numeric" />
            </Form.Item>
            <Form.Item name="bank" label={t('bank')} extra={t('bankHint')}>
              <Input />
            </Form.Item>
            <Form.Item name="amount" label={`${t('amount')}（${t('yuan')}）`}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="reason" label={t('reason')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}
