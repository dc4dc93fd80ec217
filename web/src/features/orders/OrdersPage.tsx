import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { Button, Card, Col, Input, Row, Space, Statistic, Table, Tag } from 'antd';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { ordersApi, ordersQuery, serverOffset, totalsQuery, type OrderView } from './api.ts';
import { Countdown, useServerNow } from './Countdown.tsx';
import { STATUS_COLOR, useOrdersT, yuan } from './i18n.ts';

// 指令列表: a unit's orders (or one case's, ?caseId=) with the golden-half-hour and answer countdowns and the
// money totals; a bank sees the orders addressed to it. Actions only as the server lists them for the caller.
export default function OrdersPage() {
  const { t, kind, status, reason } = useOrdersT();
  const [params, setParams] = useSearchParams();
  const caseId = params.get('caseId') ?? undefined;
  const list = useQuery(ordersQuery({ caseId, pageSize: 200 }));
  const { data: totals } = useQuery(totalsQuery(caseId));
  const data = list.data;
  const now = useServerNow(serverOffset(data, list.dataUpdatedAt));
  const queries = useQueryClient();
  const command = useMutation({
    mutationFn: (v: { o: OrderView; command: 'send' | 'cancel' | 'release' | 'renew' }) =>
      ordersApi.act(v.o.id, v.command),
    onSettled: () => queries.invalidateQueries({ queryKey: ['orders'] }),
  });
  const act = (o: OrderView, c: 'send' | 'cancel' | 'release' | 'renew') => command.mutate({ o, command: c });

  return (
    <div>
      <PageHeader
        title={caseId ? t('caseTitle', { id: caseId }) : t('listTitle')}
        extra={
          <Input.Search
            allowClear
            placeholder={t('caseId')}
            defaultValue={caseId}
            enterButton={t('filter')}
            style={{ maxWidth: 320 }}
            onSearch={(v) => setParams(v ? { caseId: v.trim() } : {})}
          />
        }
      />
      {totals && (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }} data-testid="order-totals">
          {(['stopped', 'frozen', 'recovered', 'returned'] as const).map((k) => (
            <Col key={k} xs={12} md={6}>
              <Card size="small">
                <Statistic title={t(k)} value={yuan(totals[k])} data-testid={`total-${k}`} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Table<OrderView>
        rowKey="id"
        size="small"
        loading={!data}
        dataSource={data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={false}
        locale={{ emptyText: t('emptyList') }}
        columns={[
          {
            title: t('kind'),
            dataIndex: 'kind',
            render: (k: string, o) => (
              <Space size={2}>
                <Tag color="red">{kind(k)}</Tag>
                {o.automatic && <Tag>{t('automatic')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('status'),
            dataIndex: 'status',
            render: (s: OrderView['status'], o) => (
              <Space direction="vertical" size={0}>
                <Tag color={STATUS_COLOR[s]} data-testid="order-status">
                  {status(s)}
                </Tag>
                {o.reason && <small>{reason(o.reason)}</small>}
              </Space>
            ),
          },
          { title: t('account'), dataIndex: 'account' },
          { title: t('bank'), dataIndex: 'bank', render: (b: string | null) => b ?? '—' },
          {
            title: t('amount'),
            dataIndex: 'amount',
            align: 'right',
            render: (a: number | null, o) => (
              <>
                {yuan(a)}
                {o.amountStopped !== null && (
                  <div>
                    <small>
                      {t('amountStopped')} {yuan(o.amountStopped)}
                    </small>
                  </div>
                )}
              </>
            ),
          },
          {
            title: t('timers'),
            key: 'timers',
            render: (_: unknown, o) => (
              <Space direction="vertical" size={2}>
                {(o.status === 'sent' || o.status === 'received' || o.status === 'draft') && (
                  <Countdown
                    label={t('goldenPay')}
                    endsAt={o.golden.fromPayment?.endsAt ?? null}
                    now={now}
                    testId="golden-countdown"
                  />
                )}
                {(o.status === 'sent' || o.status === 'received' || o.status === 'draft') && (
                  <Countdown label={t('goldenReport')} endsAt={o.golden.fromReport?.endsAt ?? null} now={now} />
                )}
                {(o.status === 'sent' || o.status === 'received') && (
                  <Countdown label={t('dueIn')} endsAt={o.dueAt} now={now} />
                )}
                {(o.status === 'executed' || o.status === 'partial') && (
                  <Countdown label={t('expiresIn')} endsAt={o.expiresAt} now={now} />
                )}
                {o.escalations > 0 && <Tag color="red">{t('escalated', { n: o.escalations })}</Tag>}
              </Space>
            ),
          },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, o) => (
              <Space wrap size={4}>
                {(['send', 'release', 'renew', 'cancel'] as const)
                  .filter((a) => o.actions.includes(a))
                  .map((a) => (
                    <Button key={a} size="small" danger={a === 'cancel'} onClick={() => act(o, a)}>
                      {t(a)}
                    </Button>
                  ))}
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
