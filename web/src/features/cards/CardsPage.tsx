import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Drawer,
  Form,
  Input,
  List,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { CardEntry, Measure, NewCardEntry, NewMeasure } from '../../../../contract/cards.ts';
import { ENTRY_KINDS, ENTRY_SOURCES, MEASURE_VALUES } from '../../../../contract/cards.ts';
import { useSession } from '../auth/session.tsx';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { formatDate, formatTime } from '../../shared/labels.ts';
import { cardsApi, cardsQueries } from './api.ts';
import { useCardsT } from './i18n.ts';

const STATUS_COLOR: Record<string, string> = {
  proposed: 'gold',
  in_force: 'red',
  executed: 'volcano',
  appealed: 'purple',
  upheld: 'magenta',
  revoked: 'green',
  released: 'green',
  expired: 'default',
  rejected: 'default',
};
const addYears = (n: number) => {
  const d = new Date();
  d.setFullYear(d.getFullYear() + n);
  return d.toISOString();
};

export default function CardsPage() {
  const { t, code, lang } = useCardsT();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const police = can('cards:read');
  const partner = can('cards:ack');
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<CardEntry | null>(null);
  const [adding, setAdding] = useState(false);
  const [proposing, setProposing] = useState<CardEntry | null>(null);
  // the police see the registry, its figures and every measure; a bank or telecom partner the measures addressed
  // to it and the notices — each read only by the role that may
  const { data: stats } = useQuery({ ...cardsQueries.stats(), enabled: police });
  const { data: entries = { items: [], total: 0 } } = useQuery({ ...cardsQueries.entries({ q }), enabled: police });
  const { data: measures = [] } = useQuery({
    ...cardsQueries.measures(police ? {} : { addressed: true }),
    enabled: police || partner,
    select: (r) => r.items,
  });
  const { data: notices = [] } = useQuery({
    ...cardsQueries.notices(),
    enabled: !police && partner,
    select: (r) => r.items,
  });
  const { data: entryMeasures = [] } = useQuery({
    ...cardsQueries.measures({ entryId: open?.id }),
    enabled: !!open,
    select: (r) => r.items,
  });

  const queries = useQueryClient();
  const stepMutation = useMutation({
    mutationFn: (v: { m: Measure; s: Parameters<typeof cardsApi.step>[1]; body?: Record<string, unknown> }) =>
      cardsApi.step(v.m.id, v.s, v.body),
    onSuccess: () => message.success(t('saved')),
    // the figures, the lists and the open entry's measures all show the measure's new status
    onSettled: () => queries.invalidateQueries({ queryKey: ['cards'] }),
  });
  const step = (m: Measure, s: Parameters<typeof cardsApi.step>[1], body?: Record<string, unknown>) =>
    stepMutation.mutateAsync({ m, s, body }).catch(() => undefined);
  const askReason = (m: Measure, s: 'appeal' | 'appeal/decision') => {
    let reason = '';
    let upheld = true;
    modal.confirm({
      title: s === 'appeal' ? t('appeal') : t('decide'),
      content: (
        <Space direction="vertical" style={{ width: '100%' }}>
          {s === 'appeal/decision' && (
            <Radio.Group
              defaultValue
              onChange={(e) => {
                upheld = e.target.value as boolean;
              }}
              options={[
                { value: true, label: t('upheld') },
                { value: false, label: t('revoked') },
              ]}
            />
          )}
          <Input.TextArea
            rows={3}
            placeholder={t('reason')}
            onChange={(e) => {
              reason = e.target.value;
            }}
          />
        </Space>
      ),
      onOk: () => step(m, s, s === 'appeal' ? { reason } : { upheld, reason }),
    });
  };

  const actions = (m: Measure) => (
    <Space wrap size={4}>
      {can('cards:confirm') && m.status === 'proposed' && (
        <>
          <Button size="small" type="primary" onClick={() => step(m, 'confirm')}>
            {t('confirm')}
          </Button>
          <Button size="small" onClick={() => step(m, 'reject')}>
            {t('reject')}
          </Button>
        </>
      )}
      {partner && m.status === 'in_force' && (
        <Button size="small" type="primary" onClick={() => step(m, 'ack')}>
          {t('ack')}
        </Button>
      )}
      {partner && m.status === 'revoked' && (
        <Button size="small" type="primary" onClick={() => step(m, 'release')}>
          {t('release')}
        </Button>
      )}
      {can('cards:write') && (m.status === 'in_force' || m.status === 'executed') && (
        <Button size="small" onClick={() => askReason(m, 'appeal')}>
          {t('appeal')}
        </Button>
      )}
      {can('cards:confirm') && m.status === 'appealed' && (
        <Button size="small" onClick={() => askReason(m, 'appeal/decision')}>
          {t('decide')}
        </Button>
      )}
    </Space>
  );
  const measureColumns = [
    {
      title: t('value'),
      key: 'v',
      render: (_: unknown, m: Measure) => (
        <>
          <div>{m.entryValue}</div>
          <Typography.Text type="secondary">{code(m.entryKind)}</Typography.Text>
        </>
      ),
    },
    { title: t('measure'), dataIndex: 'measure', render: (v: string) => code(v) },
    { title: t('status'), dataIndex: 'status', render: (v: string) => <Tag color={STATUS_COLOR[v]}>{code(v)}</Tag> },
    { title: t('endsAt'), dataIndex: 'endsAt', render: (v: string) => formatDate(v, lang) },
    { title: t('partner'), dataIndex: 'partnerUnitName' },
    { title: t('actions'), key: 'a', render: (_: unknown, m: Measure) => actions(m) },
  ];

  const tabs = [];
  if (police) {
    tabs.push({
      key: 'entries',
      label: t('entries'),
      children: (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Input.Search allowClear placeholder={t('search')} onSearch={setQ} style={{ width: 260 }} />
            {can('cards:write') && (
              <Button type="primary" onClick={() => setAdding(true)}>
                {t('add')}
              </Button>
            )}
          </Space>
          <Table
            rowKey="id"
            size="small"
            scroll={{ x: 700 }}
            dataSource={entries.items}
            pagination={{ total: entries.total, pageSize: 50 }}
            onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('value'), dataIndex: 'value' },
              { title: t('kind'), dataIndex: 'kind', render: (v: string) => code(v) },
              { title: t('source'), dataIndex: 'source', render: (v: string) => code(v) },
              { title: t('reason'), dataIndex: 'reason', ellipsis: true },
              {
                title: t('restricted'),
                dataIndex: 'restricted',
                render: (v: boolean) => (v ? <Tag color="red">{t('restricted')}</Tag> : null),
              },
              { title: t('createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v, lang) },
            ]}
          />
        </>
      ),
    });
    tabs.push({
      key: 'measures',
      label: t('measures'),
      children: <Table rowKey="id" size="small" scroll={{ x: 800 }} dataSource={measures} columns={measureColumns} />,
    });
  }
  if (partner && !police) {
    tabs.push({
      key: 'addressed',
      label: t('addressed'),
      children: <Table rowKey="id" size="small" scroll={{ x: 700 }} dataSource={measures} columns={measureColumns} />,
    });
    tabs.push({
      key: 'notices',
      label: t('notices'),
      children: (
        <List
          dataSource={notices}
          renderItem={(n) => (
            <List.Item>
              <Space direction="vertical" size={0}>
                <Space>
                  <Tag>{code(n.kind)}</Tag>
                  {formatTime(n.createdAt, lang)}
                </Space>
                {n.text}
              </Space>
            </List.Item>
          )}
        />
      ),
    });
  }

  return (
    <>
      <PageHeader title={t('title')} />
      {stats && (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          {(
            [
              ['sControlled', stats.cardsControlled],
              ['sActive', stats.measuresActive],
              ['sAwaitConfirm', stats.awaitingConfirmation],
              ['sAwaitExec', stats.awaitingExecution],
              ['sAppeals', stats.appealsPending],
              ['sDecided', stats.appealsDecided],
              ['sRepeat', stats.repeatOffenders],
              ['sEntries', stats.entries],
            ] as const
          ).map(([k, v]) => (
            <Col key={k} xs={12} sm={6}>
              <Card size="small">
                <Statistic title={t(k)} value={v} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Tabs items={tabs} />
      <Drawer
        open={!!open}
        onClose={() => setOpen(null)}
        width={Math.min(640, window.innerWidth)}
        title={open?.value}
        extra={
          can('cards:write') &&
          open && (
            <Button type="primary" onClick={() => setProposing(open)}>
              {t('propose')}
            </Button>
          )
        }
      >
        {open && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text>
              {code(open.kind)} · {code(open.source)} · {open.unitName}
              {open.caseId ? ` · ${t('caseId')} ${open.caseId}` : ''}
            </Typography.Text>
            <Card size="small" title={t('evidence')}>
              <Timeline
                items={open.evidence.map((e) => ({
                  children: (
                    <>
                      {formatTime(e.at, lang)} {e.by}：{e.text}
                    </>
                  ),
                }))}
              />
            </Card>
            <Alert type="info" showIcon message={t('needPerson')} />
            {entryMeasures.map((m) => (
              <Card
                key={m.id}
                size="small"
                title={
                  <Space>
                    {code(m.measure)}
                    <Tag color={STATUS_COLOR[m.status]}>{code(m.status)}</Tag>
                  </Space>
                }
                extra={actions(m)}
              >
                <div>
                  {t('reason')}：{m.reason}
                </div>
                <div>
                  {t('term')}：{formatDate(m.startsAt, lang)} — {formatDate(m.endsAt, lang)} · {t('partner')}：
                  {m.partnerUnitName ?? '—'}
                </div>
                <Typography.Text type="secondary">
                  {t('appealRoute')}：{m.appealRoute}
                </Typography.Text>
                <Timeline
                  style={{ marginTop: 8 }}
                  items={m.history.map((h) => ({
                    children: (
                      <>
                        {formatTime(h.at, lang)} {h.by}：{code(h.to)}
                        {h.note ? `（${h.note}）` : ''}
                      </>
                    ),
                  }))}
                />
              </Card>
            ))}
          </Space>
        )}
      </Drawer>
      <EntryModal open={adding} onClose={() => setAdding(false)} onSaved={() => setAdding(false)} />
      <ProposeModal entry={proposing} onClose={() => setProposing(null)} onSaved={() => setProposing(null)} />
    </>
  );
}

function EntryModal({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t, code } = useCardsT();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewCardEntry>();
  const queries = useQueryClient();
  const create = useMutation({
    mutationFn: cardsApi.createEntry,
    onSuccess: () => {
      message.success(t('saved'));
      form.resetFields();
      onSaved();
    },
    onSettled: () => queries.invalidateQueries({ queryKey: ['cards'] }),
  });
  const submit = async () => create.mutate(await form.validateFields());
  return (
    <Modal
      open={open}
      title={t('add')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'bank_account', source: 'case_account' }}>
        <Form.Item name="kind" label={t('kind')}>
          <Radio.Group options={ENTRY_KINDS.map((k) => ({ value: k, label: code(k) }))} />
        </Form.Item>
        <Form.Item name="value" label={t('value')} rules={[{ required: true }]}>
          <Input inputMode="numeric" />
        </Form.Item>
        <Form.Item name="source" label={t('source')}>
          <Select options={ENTRY_SOURCES.map((k) => ({ value: k, label: code(k) }))} />
        </Form.Item>
        <Form.Item name="reason" label={t('reason')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="caseId" label={t('caseId')}>
          <Input />
        </Form.Item>
        <Form.Item name="holderName" label={t('holderName')}>
          <Input />
        </Form.Item>
        <Form.Item name="holderIdNumber" label={t('holderIdNumber')}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ProposeModal({
  entry,
  onClose,
  onSaved,
}: {
  entry: CardEntry | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, code } = useCardsT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ measure: NewMeasure['measure']; years: number; reason: string }>();
  const allowed =
    entry?.kind === 'phone'
      ? MEASURE_VALUES.filter((m) => m !== 'stop_non_counter')
      : MEASURE_VALUES.filter((m) => m !== 'limit_new_lines');
  const queries = useQueryClient();
  const propose = useMutation({
    mutationFn: cardsApi.propose,
    onSuccess: () => {
      message.success(t('saved'));
      form.resetFields();
      onSaved();
    },
    onSettled: () => queries.invalidateQueries({ queryKey: ['cards'] }),
  });
  const submit = async () => {
    const v = await form.validateFields();
    propose.mutate({ entryId: entry!.id, measure: v.measure, reason: v.reason, endsAt: addYears(v.years) });
  };
  return (
    <Modal
      open={!!entry}
      title={t('propose')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={propose.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ years: 2, measure: allowed[0] }}>
        <Form.Item name="measure" label={t('measure')}>
          <Select options={allowed.map((m) => ({ value: m, label: code(m) }))} />
        </Form.Item>
        <Form.Item name="years" label={t('term')}>
          <Radio.Group
            options={[
              { value: 2, label: t('years2') },
              { value: 3, label: t('years3') },
            ]}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('reason')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
