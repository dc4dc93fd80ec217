import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Flex, Space, Tag, Typography } from 'antd';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { formatTime } from '../../shared/labels.ts';
import { useI18n } from '../../i18n/index.tsx';
import { AnswerModal } from './AnswerModal.tsx';
import { ordersApi, ordersQuery, serverOffset, type OrderView } from './api.ts';
import { Countdown, useServerNow } from './Countdown.tsx';
import { STATUS_COLOR, useOrdersT, yuan } from './i18n.ts';

// 银行待办: the orders addressed to the liaison's bank that wait for its answer, as cards that work on a phone
// (375 px): what, which account (in full: the bank must act on it), how much, the time left, and the answers.
export default function BankInboxPage() {
  const { t, kind, status } = useOrdersT();
  const { lang } = useI18n();
  const inbox = useQuery(ordersQuery({ inbox: true, pageSize: 100 }));
  const items = inbox.data?.items;
  const [answering, setAnswering] = useState<{ order: OrderView; outcome: 'executed' | 'partial' | 'rejected' } | null>(
    null,
  );
  const now = useServerNow(serverOffset(inbox.data, inbox.dataUpdatedAt));
  const queries = useQueryClient();
  const receipt = useMutation({
    mutationFn: (o: OrderView) => ordersApi.receive(o.id),
    onSettled: () => queries.invalidateQueries({ queryKey: ['orders'] }),
  });
  const receive = (o: OrderView) => receipt.mutate(o);

  return (
    <div style={{ maxWidth: 720 }}>
      <PageHeader
        title={t('inboxTitle')}
        extra={
          items && (
            <Tag color={items.length ? 'red' : 'default'} data-testid="inbox-count">
              {items.length}
            </Tag>
          )
        }
      />
      {items && items.length === 0 && <Empty description={t('empty')} />}
      <Flex vertical gap={12}>
        {items?.map((o) => (
          <Card
            key={o.id}
            size="small"
            data-testid="bank-order"
            data-order-id={o.id}
            title={
              <Space wrap size={4}>
                <Tag color="red">{kind(o.kind)}</Tag>
                <Tag color={STATUS_COLOR[o.status]}>{status(o.status)}</Tag>
              </Space>
            }
            extra={<Typography.Text strong>{yuan(o.amount)}</Typography.Text>}
          >
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: 'a',
                  label: t('account'),
                  children: (
                    <Typography.Text copyable data-testid="order-account">
                      {o.account}
                    </Typography.Text>
                  ),
                },
                ...(o.accountName ? [{ key: 'n', label: t('accountName'), children: o.accountName }] : []),
                { key: 'u', label: t('fromUnit'), children: o.unitName },
                { key: 'c', label: t('createdAt'), children: formatTime(o.createdAt, lang) },
              ]}
            />
            <Space wrap size={4} style={{ margin: '8px 0' }}>
              <Countdown label={t('dueIn')} endsAt={o.dueAt} now={now} testId="due-countdown" />
              <Countdown label={t('goldenPay')} endsAt={o.golden.fromPayment?.endsAt ?? null} now={now} />
              {o.escalations > 0 && <Tag color="red">{t('escalated', { n: o.escalations })}</Tag>}
            </Space>
            <Flex gap={8} wrap>
              {o.actions.includes('receive') && (
                <Button onClick={() => receive(o)} data-testid="receive">
                  {t('receive')}
                </Button>
              )}
              {o.actions.includes('answer') && (
                <>
                  <Button
                    type="primary"
                    onClick={() => setAnswering({ order: o, outcome: 'executed' })}
                    data-testid="answer-executed"
                  >
                    {t('executed')}
                  </Button>
                  {o.kind !== 'evidence' && (
                    <Button onClick={() => setAnswering({ order: o, outcome: 'partial' })} data-testid="answer-partial">
                      {t('partial')}
                    </Button>
                  )}
                  <Button
                    danger
                    onClick={() => setAnswering({ order: o, outcome: 'rejected' })}
                    data-testid="answer-rejected"
                  >
                    {t('rejected')}
                  </Button>
                </>
              )}
            </Flex>
          </Card>
        ))}
      </Flex>
      {answering && (
        <AnswerModal
          order={answering.order}
          outcome={answering.outcome}
          onClose={() => setAnswering(null)}
          onDone={() => setAnswering(null)}
        />
      )}
    </div>
  );
}
