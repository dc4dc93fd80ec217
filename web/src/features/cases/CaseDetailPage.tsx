import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import {
  Button,
  Card,
  Descriptions,
  Empty,
  Input,
  Modal,
  Select,
  Space,
  Steps,
  Table,
  Tag,
  Timeline,
  Upload,
  Typography,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useSession } from '../auth/session.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { FRAUD_TYPES } from '../indicators/i18n.ts';
import { casesApi, caseQuery, type CaseDetail, type SuspectRole, type SuspectStatus } from './api.ts';
import { CountdownTag } from './CasesPage.tsx';
import { RefundsCard } from './RefundsCard.tsx';
import { useOrdersT } from '../orders/i18n.ts';
import { systemText, useWarnT } from '../warnings/i18n.ts';
import { caseTimelineText, CHANNELS, ID_KINDS, useCasesT, useNames } from './i18n.ts';

const MAIN = ['reported', 'accepted', 'filed', 'investigating', 'solved', 'prosecuted', 'closed'];
const ROLES = ['financier', 'operator', 'executor', 'card_dealer', 'card_seller', 'cash_out', 'traffic'];
const STATUSES = ['at_large', 'caught', 'arrested', 'prosecuted'];

export function CaseDetailPage() {
  const { id = '' } = useParams();
  const t = useCasesT();
  const n = useNames();
  const order = useOrdersT();
  // an order's time-line entry is written as its codes (cases/service.ts: "stop sent 工商银行"): in the reader's language
  const orderEntry = (e: { kind: string; text: string }) => {
    if (!e.kind.startsWith('order.')) return null;
    const [kind = '', status = '', ...bank] = e.text.split(' ');
    return [order.kind(kind), order.status(status), ...bank].join(' ').trim();
  };
  const warnT = useWarnT();
  const { lang } = useI18n();
  const { can } = useSession();
  const [purpose, setPurpose] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const [suspect, setSuspect] = useState<{ name?: string; role?: string }>({});
  const queries = useQueryClient();
  const { data: c } = useQuery(caseQuery(id, purpose));
  // every change on this page: the case (stage, suspects, evidence, timeline) and the list are read again
  const change = useMutation({
    mutationFn: (fn: () => Promise<unknown>) => fn(),
    onSettled: () => queries.invalidateQueries({ queryKey: ['cases'] }),
  });
  if (!c) return <Card loading />;
  const write = can('cases:write');
  const ft = (code: string) => FRAUD_TYPES.find((f) => f[0] === code)?.[lang === 'en-US' ? 2 : 1] ?? code;
  const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(lang) : '—');
  const act = (fn: () => Promise<unknown>) => change.mutateAsync(fn).catch(() => undefined);
  const step = (to: string) =>
    act(() => casesApi.advance(id, { to: to as never, ...(to === 'not_filed' ? { reason } : {}) }));
  const askPurpose = () => {
    let p = '';
    Modal.confirm({
      title: t('purpose'),
      content: (
        <Input
          onChange={(e) => {
            p = e.target.value;
          }}
        />
      ),
      onOk: () => setPurpose(p || undefined),
    });
  };
  const mainIndex = MAIN.indexOf(c.stage === 'not_filed' ? 'accepted' : c.stage);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      <Card
        title={
          <Space wrap>
            <Link to="/cases">{t('back')}</Link>
            <span data-testid="case-no">{c.caseNo}</span>
            <Tag color="geekblue" data-testid="case-stage">
              {n.stage(c.stage)}
            </Tag>
            <CountdownTag c={c.countdown} />
          </Space>
        }
        extra={
          c.masked &&
          can('personal:unmask') && (
            <Button size="small" onClick={askPurpose}>
              {t('unmask')}
            </Button>
          )
        }
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label={t('victim')}>
            {c.victim.name} {c.victim.phone} {c.victim.idNumber}
          </Descriptions.Item>
          <Descriptions.Item label={t('reportedAt')}>{when(c.reportedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('source')}>{n.source(c.source)}</Descriptions.Item>
          <Descriptions.Item label={t('fraudTypes')}>
            {c.fraudTypes.map((f) => (
              <Tag key={f.code}>{ft(f.code)}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('loss')}>¥{c.loss.toLocaleString()}</Descriptions.Item>
          <Descriptions.Item label={t('paid')}>¥{c.paid.toLocaleString()}</Descriptions.Item>
          <Descriptions.Item label={t('unit')}>{c.unitName}</Descriptions.Item>
          {c.summary && (
            <Descriptions.Item label={t('summary')} span={3}>
              {systemText(c.summary, lang)}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>

      <Card title={t('chain')} size="small" data-testid="chain">
        <Steps
          size="small"
          responsive
          current={mainIndex}
          status={c.stage === 'not_filed' ? 'error' : undefined}
          items={MAIN.map((s) => {
            const done =
              c.chain.find((x) => x.stage === s) ??
              (s === 'filed' ? c.chain.find((x) => x.stage === 'not_filed') : undefined);
            return {
              title: done?.stage === 'not_filed' ? n.stage('not_filed') : n.stage(s),
              description: done
                ? `${when(done.at)} ${done.officerName ?? ''}${done.reason ? ` · ${done.reason}` : ''}`
                : undefined,
            };
          })}
        />
        {write && c.nextStages.length > 0 && (
          <Space wrap style={{ marginTop: 12 }}>
            <span>{t('next')}:</span>
            {c.nextStages.includes('not_filed') && (
              <Input
                size="small"
                style={{ width: 200 }}
                placeholder={t('notFiledReason')}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
            {c.nextStages.map((s) => (
              <Button
                key={s}
                size="small"
                type={s === 'not_filed' ? 'default' : 'primary'}
                onClick={() => void step(s)}
                data-testid={`step-${s}`}
              >
                {n.stage(s)}
              </Button>
            ))}
            {c.nextStages.includes('filed') && (
              <Typography.Text type="secondary">{t('threshold', { n: c.filingThreshold })}</Typography.Text>
            )}
          </Space>
        )}
      </Card>

      <Card title={t('payments')} size="small">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={c.payments}
          scroll={{ x: 700 }}
          data-testid="payments"
          columns={[
            { title: '#', dataIndex: 'seq', width: 40 },
            { title: t('paidAt'), dataIndex: 'paidAt', render: when },
            {
              title: t('amount'),
              dataIndex: 'amount',
              align: 'right',
              render: (v: number) => `¥${v.toLocaleString()}`,
            },
            {
              title: t('toAccount'),
              dataIndex: 'toAccount',
              render: (v: string, p) => (
                <Space>
                  {v}
                  {p.luhnWarning && <Tag color="orange">{t('luhn')}</Tag>}
                </Space>
              ),
            },
            { title: t('toName'), dataIndex: 'toName' },
            { title: t('toBank'), dataIndex: 'toBank' },
            { title: t('channel'), dataIndex: 'channel', render: (v: string | null) => (v ? n.pick(CHANNELS, v) : '') },
          ]}
        />
      </Card>

      {c.withdrawn && (
        <Typography.Text type="warning" data-testid="withdrawn">
          {t('withdrawn', { reason: systemText(c.withdrawn.reason, lang) })}
        </Typography.Text>
      )}

      <Card title={t('orders')} size="small" data-testid="orders">
        {c.orders.length ? (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={c.orders}
            scroll={{ x: 600 }}
            columns={[
              { title: t('kind'), dataIndex: 'kind', render: (v: string) => order.kind(v) },
              { title: t('status'), dataIndex: 'status', render: (v: string) => order.status(v) },
              { title: t('toAccount'), dataIndex: 'account' },
              { title: t('bankOf'), dataIndex: 'bank' },
              { title: t('amount'), dataIndex: 'amount' },
              { title: order.t('expiresAt'), dataIndex: 'expiresAt', render: (v: string | null) => when(v) },
            ]}
          />
        ) : (
          <Empty description={t('ordersNone')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        )}
      </Card>

      {can('orders:read') && <RefundsCard caseId={c.id} mayWrite={can('orders:write')} />}

      {c.identifiers.length > 0 && (
        <Card title={t('identifiers')} size="small">
          <Space wrap>
            {c.identifiers.map((x) => (
              <Tag key={`${x.kind}:${x.key}`}>
                {n.pick(ID_KINDS, x.kind)}: {x.value}
              </Tag>
            ))}
          </Space>
        </Card>
      )}

      <Card
        title={t('evidence')}
        size="small"
        extra={
          write && (
            <Upload
              showUploadList={false}
              customRequest={({ file, onSuccess, onError }) => {
                void change.mutateAsync(() => casesApi.upload(id, file as File, 'screenshot')).then(onSuccess, onError);
              }}
            >
              <Button size="small" icon={<UploadOutlined />}>
                {t('upload')}
              </Button>
            </Upload>
          )
        }
      >
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={c.evidence}
          scroll={{ x: 600 }}
          columns={[
            {
              title: t('value'),
              dataIndex: 'fileName',
              render: (v: string, e) => <a href={`/api/v1/cases/${id}/evidence/${e.id}/file`}>{v}</a>,
            },
            {
              title: 'SHA-256',
              dataIndex: 'sha256',
              render: (v: string) => (
                <Typography.Text code copyable={{ text: v }}>
                  {v.slice(0, 12)}…
                </Typography.Text>
              ),
            },
            { title: t('custodian'), dataIndex: 'custodian' },
            {
              title: t('timeline'),
              render: (_, e) => e.custody.map((x) => `${x.action} ${when(x.at)} ${x.actorName}`).join(' · '),
            },
            ...(write
              ? [
                  {
                    title: '',
                    render: (_: unknown, e: CaseDetail['evidence'][number]) => (
                      <Button
                        size="small"
                        onClick={() => {
                          let to = '';
                          Modal.confirm({
                            title: t('transfer'),
                            content: (
                              <Input
                                placeholder={t('custodian')}
                                onChange={(ev) => {
                                  to = ev.target.value;
                                }}
                              />
                            ),
                            onOk: () => act(() => casesApi.transfer(id, e.id, to)),
                          });
                        }}
                      >
                        {t('transfer')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <Card title={t('suspects')} size="small">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={c.suspects}
          scroll={{ x: 500 }}
          columns={[
            { title: t('victimName'), dataIndex: 'name' },
            { title: t('role'), dataIndex: 'role', render: (v: string) => n.role(v) },
            {
              title: t('status'),
              dataIndex: 'status',
              render: (v: string, s) =>
                write ? (
                  <Select
                    size="small"
                    value={v}
                    style={{ width: 110 }}
                    options={STATUSES.map((x) => ({
                      value: x,
                      label: n.status(x),
                      disabled: STATUSES.indexOf(x) <= STATUSES.indexOf(v),
                    }))}
                    onChange={(to) => void act(() => casesApi.suspectStatus(id, s.id, to as SuspectStatus))}
                  />
                ) : (
                  n.status(v)
                ),
            },
          ]}
        />
        {write && (
          <Space.Compact style={{ marginTop: 8 }}>
            <Input
              placeholder={t('victimName')}
              value={suspect.name}
              onChange={(e) => setSuspect((s) => ({ ...s, name: e.target.value }))}
              style={{ width: 140 }}
            />
            <Select
              placeholder={t('role')}
              value={suspect.role}
              style={{ width: 120 }}
              options={ROLES.map((r) => ({ value: r, label: n.role(r) }))}
              onChange={(role) => setSuspect((s) => ({ ...s, role }))}
            />
            <Button
              onClick={() =>
                suspect.name &&
                suspect.role &&
                void act(async () => {
                  await casesApi.addSuspect(id, { name: suspect.name!, role: suspect.role as SuspectRole });
                  setSuspect({});
                })
              }
            >
              {t('addSuspect')}
            </Button>
          </Space.Compact>
        )}
      </Card>

      {c.warnings.length > 0 && (
        <Card title={t('warnings')} size="small">
          <Space wrap>
            {c.warnings.map((w) => (
              <Link key={w.id} to={`/warnings/${w.id}`}>
                <Tag color={w.level === 'high' ? 'red' : w.level === 'medium' ? 'orange' : 'default'}>
                  {when(w.openedAt)} {warnT(`status.${w.status}`)}
                </Tag>
              </Link>
            ))}
          </Space>
        </Card>
      )}

      <Card title={t('timeline')} size="small" data-testid="timeline">
        <Timeline
          items={c.timeline.map((e) => ({
            children: (
              <span>
                <Typography.Text type="secondary">{when(e.at)}</Typography.Text>{' '}
                {orderEntry(e) ?? caseTimelineText(e, lang)} {e.actorName ? `· ${e.actorName}` : ''}
              </span>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}
