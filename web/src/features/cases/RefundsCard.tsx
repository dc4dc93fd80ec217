import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import type { Static } from 'typebox';
import type { RefundPlan } from '../../../../contract/orders.ts';
import { api } from '../../api/client.ts';
import { useCasesT } from './i18n.ts';

type Plan = Static<typeof RefundPlan>;

/** 返还 on the case page: money held per account, each victim's share, the refund orders and their return. */
export function RefundsCard({ caseId, mayWrite }: { caseId: string; mayWrite: boolean }) {
  const t = useCasesT();
  const { message } = App.useApp();
  const [plan, setPlan] = useState<Plan | null>(null);
  const load = useCallback(() => {
    api
      .get<Plan>('/api/v1/orders/refund-plan', { caseId })
      .then(setPlan)
      .catch(() => setPlan(null));
  }, [caseId]);
  useEffect(load, [load]);
  if (!plan) return null;
  const day = (v: string | null) => (v ? v.slice(0, 10) : '');
  const propose = async () => {
    try {
      await api.post('/api/v1/orders/refunds', { caseId });
      load();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const returned = async (orderId: string) => {
    try {
      await api.post(`/api/v1/orders/${orderId}/returned`, {});
      load();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const open = plan.accounts.some((a) => a.shares.some((s) => s.thisCase && s.amount > 0));
  return (
    <Card
      title={t('refunds')}
      size="small"
      data-testid="refunds"
      extra={
        mayWrite && open ? (
          <Button size="small" type="primary" onClick={() => void propose()}>
            {t('refundPropose')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t('refundNotice', { n: plan.noticeDays })}</Typography.Paragraph>
      {plan.accounts.length ? (
        <Table
          size="small"
          rowKey="account"
          pagination={false}
          scroll={{ x: 560 }}
          dataSource={plan.accounts}
          columns={[
            { title: t('toAccount'), dataIndex: 'account' },
            { title: t('bankOf'), dataIndex: 'bank' },
            { title: t('refundHeld'), dataIndex: 'held' },
            {
              title: t('refundShare'),
              render: (_: unknown, a: Plan['accounts'][number]) => (
                <Space direction="vertical" size={0}>
                  {a.shares.map((s) => (
                    <span key={s.caseId}>
                      {s.thisCase ? t('refundThisCase') : t('refundOtherCase')} ¥{s.share} / {t('refundPaid')} ¥{s.paid}{' '}
                      <Tag color={s.basis === 'traced' ? 'green' : 'orange'}>
                        {s.basis === 'traced' ? t('refundTraced') : t('refundProRata')}
                      </Tag>
                      {s.notBefore ? `${t('refundNotBefore')} ${day(s.notBefore)}` : ''}
                    </span>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      ) : (
        <Empty description={t('refundNone')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
      {plan.refunds.length > 0 && (
        <Table
          size="small"
          rowKey="orderId"
          pagination={false}
          scroll={{ x: 560 }}
          dataSource={plan.refunds}
          columns={[
            { title: t('toAccount'), dataIndex: 'account' },
            { title: t('amount'), dataIndex: 'amount' },
            { title: t('status'), dataIndex: 'status' },
            { title: t('refundNotBefore'), dataIndex: 'notBefore', render: day },
            {
              title: t('refundReturned'),
              render: (_: unknown, r: Plan['refunds'][number]) =>
                r.returned !== null ? (
                  `¥${r.returned} · ${day(r.returnedAt)}`
                ) : mayWrite && (r.status === 'executed' || r.status === 'partial') ? (
                  <Button size="small" onClick={() => void returned(r.orderId)}>
                    {t('refundRecord')}
                  </Button>
                ) : (
                  ''
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}
