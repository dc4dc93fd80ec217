import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, InputNumber, Modal } from 'antd';
import type { OrderResult } from '../../../../contract/orders.ts';
import { ApiError } from '../../api/client.ts';
import { ordersApi, type OrderView } from './api.ts';
import { useOrdersT } from './i18n.ts';

type Outcome = 'executed' | 'partial' | 'rejected';

/** The bank's answer to one order: amounts for an execution, a reason for a rejection. */
export function AnswerModal({
  order,
  outcome,
  onClose,
  onDone,
}: {
  order: OrderView;
  outcome: Outcome;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useOrdersT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ amount?: number; balance?: number; reason?: string }>();
  const queries = useQueryClient();
  const answer = useMutation({
    mutationFn: (body: OrderResult) => ordersApi.answer(order.id, body),
    onSuccess: () => {
      message.success(t('done'));
      onDone();
    },
    // a refused amount or reason stands next to its input; anything else in one toast
    onError: (err) => {
      if (err instanceof ApiError && err.field)
        form.setFields([{ name: err.field as 'amount', errors: [err.reason ?? err.message] }]);
      else message.error(err.message);
    },
    onSettled: () => queries.invalidateQueries({ queryKey: ['orders'] }),
  });
  const submit = async () => {
    const v = await form.validateFields();
    answer.mutate({
      outcome,
      ...(v.amount != null ? { amount: v.amount } : {}),
      ...(v.balance != null ? { balance: v.balance } : {}),
      ...(v.reason ? { reason: v.reason } : {}),
    });
  };
  return (
    <Modal
      open
      title={`${t('answerTitle')}：${t(outcome)}`}
      onOk={submit}
      onCancel={onClose}
      okText={t('submit')}
      cancelText={t('cancel')}
      confirmLoading={answer.isPending}
      okButtonProps={{ 'data-testid': 'answer-submit' } as Record<string, string>}
      width={360}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ amount: outcome === 'executed' ? (order.amount ?? undefined) : undefined }}
      >
        {outcome !== 'rejected' && (
          <Form.Item
            name="amount"
            label={`${t('amountStopped')}（${t('yuan')}）`}
            rules={outcome === 'partial' ? [{ required: true, message: t('amountRequired') }] : []}
          >
            <InputNumber
              min={0}
              precision={2}
              style={{ width: '100%' }}
              inputMode="decimal"
              data-testid="answer-amount"
            />
          </Form.Item>
        )}
        <Form.Item name="balance" label={`${t('balance')}（${t('yuan')}）`}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} inputMode="decimal" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('reason')}
          rules={outcome === 'rejected' ? [{ required: true, whitespace: true, message: t('reasonRequired') }] : []}
        >
          <Input.TextArea rows={2} maxLength={500} data-testid="answer-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
