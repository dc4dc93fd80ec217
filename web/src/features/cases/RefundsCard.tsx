import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import type { Static } from 'typebox';
import type { RefundPlan } from '../../../../contract/orders.ts';
import { api } from '../../api/client.ts';
import { getJson } from '../../api/query.tsx';
import { useCasesT } from './i18n.ts';
import { useOrdersT } from '../orders/i18n.ts';

type Plan = Static<typeof RefundPlan>;

/** 返还 on the case page: money held per account, each victim's share, the refund orders and their return. */
export function RefundsCard({ caseId, mayWrite }: { caseId: string; mayWrite: boolean }) {
  const t = useCasesT();
  const { status } = useOrdersT();
  const queries = useQueryClient();
  // the orders module's plan: under ['orders', …] so an order answered elsewhere refreshes it too; a case without
  // one (or a refused read) shows no card rather than a toast
  const { data: plan } = useQuery({
    queryKey: ['orders', 'refund-plan', caseId],
    queryFn: getJson<Plan>('/api/v1/orders/refund-plan', { caseId }),
    meta: { quiet: true },
  });
  const change = useMutation({
    mutationFn: (orderId?: string) =>
      orderId ? api.post(`/api/v1/orders/${orderId}/returned`, {}) : api.post('/api/v1/orders/refunds', { caseId }),
    onSettled: () => queries.invalidateQueries({ queryKey: ['orders'] }),
  });
  if (!plan) return null;
  const day = (v: string | null) => (v ? v.slice(0, 10) : '');
  const propose = () => change.mutate(undefined);
  const returned = (orderId: string) => change.mutate(orderId);
  const open = plan.accounts.some((a) => a.shares.some((s) => s.thisCase && s.amount > 0));
  return (
    <Card
      title={t('refunds')}
      size="small"
      data-testid="refunds"
      extra={
        mayWrite && open ? (
          <Button size="small" type="primary" onClick={propose} loading={change.isPending}>
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
            { title: t('status'), dataIndex: 'status', render: (v: string) => status(v) },
            { title: t('refundNotBefore'), dataIndex: 'notBefore', render: day },
            {
              title: t('refundReturned'),
              render: (_: unknown, r: Plan['refunds'][number]) =>
                r.returned !== null ? (
                  `¥${r.returned} · ${day(r.returnedAt)}`
                ) : mayWrite && (r.status === 'executed' || r.status === 'partial') ? (
                  <Button size="small" onClick={() => returned(r.orderId)}>
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
