import { useRef, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import {
  App,
  Badge,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Popover,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  Tag,
  TreeSelect,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { BellOutlined, ClockCircleOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { useSession } from '../auth/session.tsx';
import { useUnits } from '../admin/units/useUnits.ts';
import { FRAUD_TYPES } from '../indicators/i18n.ts';
import { warningsApi, type BoardItem } from './api.ts';
import { Countdowns } from './Countdowns.tsx';
import { ConfigDrawer } from './ConfigDrawer.tsx';
import { LEVEL_COLOR, STATUS_COLOR, tOr, useFraudTypeName, useWarnT } from './i18n.ts';
import { EscalationTag } from './EscalationTag.tsx';
import { NotifyDrawer } from './NotifyDrawer.tsx';
import { useLive } from './useLive.ts';
import { useI18n } from '../../i18n/index.tsx';
import { formatTime } from '../../shared/labels.ts';

// 预警看板 (centre): the live list of warnings in the user's jurisdiction with level, type, countdown and status;
// filters, the manual-routing queue, bulk dispatch, hand entry (e.g. from a 96110 call) and the headline KPI.
export default function BoardPage() {
  const t = useWarnT();
  const { lang } = useI18n();
  const ftName = useFraudTypeName();
  const [configOpen, setConfigOpen] = useState(false);
  const [notifyOpen, setNotifyOpen] = useState(false);
  const { message } = App.useApp();
  const { can } = useSession();
  const nav = useNavigate();
  const { treeData } = useUnits();
  const [filters, setFilters] = useState<{
    level?: string;
    status?: string;
    type?: string;
    open: boolean;
    routed?: boolean;
  }>({ open: true });
  const [selected, setSelected] = useState<string[]>([]);
  const [dispatchUnit, setDispatchUnit] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const queries = useQueryClient();
  const board = useQuery({
    queryKey: ['warnings', 'board', filters],
    queryFn: () => warningsApi.board({ ...filters, pageSize: 200 }),
    placeholderData: keepPreviousData,
  });
  const data = board.data?.items ?? [];
  const kpiQuery = useQuery({
    queryKey: ['warnings', 'kpi'],
    queryFn: () => {
      const to = new Date();
      const from = new Date(to.getTime() - 30 * 86_400_000);
      return warningsApi.kpi(from.toISOString(), new Date(to.getTime() + 60_000).toISOString());
    },
    meta: { quiet: true }, // the headline figure is a convenience: the board shows without it
    staleTime: 60_000,
  });
  const kpi = kpiQuery.data
    ? {
        total: kpiQuery.data.total,
        closed: kpiQuery.data.units.reduce((s, u) => s + u.closed, 0),
        units: kpiQuery.data.units,
      }
    : null;
  const load = () => queries.invalidateQueries({ queryKey: ['warnings', 'board'] });
  // debounce bursts of notices (a dispatch produces several) into one refetch
  const live = useLive(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void load(), 300);
  });

  const dispatchMany = useMutation({
    mutationFn: (v: { ids: string[]; unitId: string }) => warningsApi.dispatch(v.ids, v.unitId),
    onSuccess: (r) => {
      const ok = r.results.filter((x) => x.ok).length;
      message.success(t('dispatched', { n: ok }));
      for (const x of r.results.filter((y) => !y.ok)) message.warning(`${x.id.slice(0, 8)}: ${x.error}`);
      setSelected([]);
    },
    onSettled: () => queries.invalidateQueries({ queryKey: ['warnings'] }),
  });
  const dispatch = () => {
    if (dispatchUnit && selected.length) dispatchMany.mutate({ ids: selected, unitId: dispatchUnit });
  };
  const createOne = useMutation({
    mutationFn: warningsApi.create,
    onSuccess: (r) => {
      // a person already warned by a unit outside this jurisdiction: the report went to that unit (no id here)
      message.success(t(r.id ? 'created' : 'forwarded'));
      setCreating(false);
      form.resetFields();
      if (r.id) nav(`/warnings/${r.id}`);
    },
    onSettled: () => queries.invalidateQueries({ queryKey: ['warnings'] }),
  });
  const create = async () => {
    const v = await form.validateFields();
    createOne.mutate({
      level: v.level,
      fraudTypes: v.fraudTypes ?? [],
      subject: Object.fromEntries(
        Object.entries({ name: v.name, phone: v.phone, idNumber: v.idNumber, address: v.address }).filter(([, x]) => x),
      ),
      ...(v.summary ? { summary: v.summary } : {}),
      leads: String(v.leads ?? '')
        .split('\n')
        .map((s: string) => s.trim())
        .filter(Boolean),
    });
  };

  // level, status and the running deadline come first: on a phone they are what fits
  const columns: TableColumnsType<BoardItem> = [
    {
      title: t('level'),
      dataIndex: 'level',
      width: 64,
      render: (l: string) => <Tag color={LEVEL_COLOR[l]}>{t(`level.${l}`)}</Tag>,
    },
    {
      title: t('status'),
      dataIndex: 'status',
      width: 110,
      render: (s: string, r) => (
        <Space size={2} wrap>
          <Tag color={STATUS_COLOR[s]} data-status={s}>
            {t(`status.${s}`)}
          </Tag>
          {r.escalationLevel > 0 && <EscalationTag n={r.escalationLevel} />}
        </Space>
      ),
    },
    {
      title: t('countdown'),
      dataIndex: 'countdowns',
      width: 170,
      render: (c: BoardItem['countdowns']) => <Countdowns items={c} />,
    },
    {
      title: t('fraudTypes'),
      dataIndex: 'fraudTypes',
      width: 200,
      render: (f: BoardItem['fraudTypes']) => (
        <Space size={[0, 4]} wrap>
          {f.map((x) => (
            <Tag key={x.code}>{ftName(x)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('subject'),
      key: 'subject',
      width: 130,
      responsive: ['md'],
      render: (_, r) => <code>{r.subject.phone ?? r.subject.idNumber ?? r.subject.account ?? '—'}</code>,
    },
    {
      title: t('unit'),
      dataIndex: 'unitName',
      width: 150,
      responsive: ['sm'],
      render: (u: string, r) =>
        r.routed ? (
          u
        ) : (
          <Space size={4} wrap>
            {u}
            <Tag color="magenta">{t('unrouted')}</Tag>
          </Space>
        ),
    },
    {
      title: t('source'),
      dataIndex: 'source',
      width: 90,
      responsive: ['lg'],
      render: (v: string) => tOr(t, `source.${v}`, v),
    },
    {
      title: t('openedAt'),
      dataIndex: 'openedAt',
      width: 150,
      responsive: ['lg'],
      render: (v: string) => formatTime(v, lang),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('board')}
        extra={
          <Space wrap>
            <Badge status={live ? 'processing' : 'default'} text={t('live')} />
            {kpi && (
              <Popover
                title={t('kpiByUnit')}
                content={
                  kpi.units.length ? (
                    <table data-testid="kpi-units">
                      <tbody>
                        {kpi.units.map((u) => (
                          <tr key={u.unitName}>
                            <td style={{ paddingRight: 12 }}>{u.unitName}</td>
                            <td style={{ color: u.warnedThenDefrauded ? '#cf1322' : undefined }}>
                              {u.warnedThenDefrauded}
                            </td>
                            <td style={{ paddingLeft: 8, color: '#888' }}>/ {u.closed}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  ) : (
                    t('none')
                  )
                }
              >
                <Card size="small" styles={{ body: { padding: '4px 12px' } }}>
                  <Statistic
                    title={t('kpi')}
                    value={kpi.total}
                    suffix={`/ ${kpi.closed} ${t('kpiClosed')}`}
                    styles={{ content: { color: kpi.total ? '#cf1322' : '#3f8600', fontSize: 18 } }}
                  />
                </Card>
              </Popover>
            )}
            <Button icon={<ClockCircleOutlined />} onClick={() => setConfigOpen(true)}>
              {t('config')}
            </Button>
            {can('warnings:write') && (
              <Button icon={<BellOutlined />} onClick={() => setNotifyOpen(true)} data-action="notify-settings">
                {t('notifySettings')}
              </Button>
            )}
            <Button icon={<ReloadOutlined />} onClick={() => void load()}>
              {t('refresh')}
            </Button>
            {can('warnings:write') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('newWarning')}
              </Button>
            )}
          </Space>
        }
      />
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('level')}
          style={{ width: 100 }}
          value={filters.level}
          onChange={(level) => setFilters((f) => ({ ...f, level }))}
          options={['high', 'medium', 'low'].map((value) => ({ value, label: t(`level.${value}`) }))}
        />
        <Select
          allowClear
          placeholder={t('status')}
          style={{ width: 140 }}
          value={filters.status}
          onChange={(status) => setFilters((f) => ({ ...f, status }))}
          options={[
            'new',
            'auto_contact',
            'review',
            'routing',
            'dispatched',
            'signed',
            'contacting',
            'visiting',
            'closed',
            'reopened',
          ].map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
        <Select
          allowClear
          placeholder={t('fraudTypes')}
          style={{ width: 200 }}
          value={filters.type}
          onChange={(type) => setFilters((f) => ({ ...f, type }))}
          options={FRAUD_TYPES.map(([value, zh, en]) => ({ value, label: ftName({ code: value, name: zh }) || en }))}
        />
        <Space>
          <Switch checked={filters.open} onChange={(open) => setFilters((f) => ({ ...f, open }))} />
          {t('onlyOpen')}
        </Space>
        <Space>
          <Switch
            checked={filters.routed === false}
            onChange={(on) => setFilters((f) => ({ ...f, routed: on ? false : undefined }))}
          />
          {t('unrouted')}
        </Space>
        {can('warnings:write') && selected.length > 0 && (
          <Space.Compact>
            <TreeSelect
              style={{ width: 220 }}
              treeData={treeData}
              showSearch
              treeNodeFilterProp="title"
              placeholder={t('dispatchTo')}
              value={dispatchUnit}
              onChange={setDispatchUnit}
            />
            <Button type="primary" disabled={!dispatchUnit} loading={dispatchMany.isPending} onClick={dispatch}>
              {t('bulkDispatch')} ({selected.length})
            </Button>
          </Space.Compact>
        )}
      </Flex>
      <AreaView items={data} title={t('areas')} levelName={(l) => t(`level.${l}`)} />
      <Table<BoardItem>
        rowKey="id"
        size="middle"
        loading={board.isFetching}
        dataSource={data}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        rowSelection={
          can('warnings:write') ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]) } : undefined
        }
        onRow={(r) => ({ onClick: () => nav(`/warnings/${r.id}`), style: { cursor: 'pointer' } })}
      />
      <ConfigDrawer open={configOpen} onClose={() => setConfigOpen(false)} editable={can('rules:write')} />
      <NotifyDrawer open={notifyOpen} onClose={() => setNotifyOpen(false)} />
      <Modal
        open={creating}
        title={t('newWarning')}
        onCancel={() => setCreating(false)}
        onOk={() => void create()}
        okText={t('create')}
        cancelText={t('cancel')}
        confirmLoading={createOne.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ level: 'high' }}>
          <Form.Item name="level" label={t('level')} rules={[{ required: true }]}>
            <Select options={['high', 'medium', 'low'].map((value) => ({ value, label: t(`level.${value}`) }))} />
          </Form.Item>
          <Form.Item name="fraudTypes" label={t('fraudTypes')}>
            <Select
              mode="multiple"
              options={FRAUD_TYPES.map(([value, zh]) => ({ value, label: ftName({ code: value, name: zh }) }))}
            />
          </Form.Item>
          <Flex gap={8}>
            <Form.Item name="phone" label={t('phone')} style={{ flex: 1 }}>
              <Input />
            </Form.Item>
            <Form.Item name="idNumber" label={t('idNumber')} style={{ flex: 1 }}>
              <Input />
            </Form.Item>
          </Flex>
          <Flex gap={8}>
            <Form.Item name="name" label={t('name')} style={{ flex: 1 }}>
              <Input />
            </Form.Item>
            <Form.Item name="address" label={t('address')} style={{ flex: 2 }}>
              <Input />
            </Form.Item>
          </Flex>
          <Form.Item name="summary" label={t('summary')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="leads" label={t('leads')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** Area view: open warnings per holding unit, by level — where the load is, at a glance. */
function AreaView({ items, title, levelName }: { items: BoardItem[]; title: string; levelName(l: string): string }) {
  const byUnit = new Map<string, Record<string, number>>();
  for (const w of items) {
    if (w.status === 'closed') continue;
    const c = byUnit.get(w.unitName) ?? {};
    c[w.level] = (c[w.level] ?? 0) + 1;
    byUnit.set(w.unitName, c);
  }
  if (!byUnit.size) return null;
  return (
    <Card size="small" title={title} style={{ marginBottom: 12 }}>
      <Flex wrap gap={8}>
        {[...byUnit]
          .sort((a, b) => (b[1].high ?? 0) - (a[1].high ?? 0))
          .map(([unit, c]) => (
            <Card key={unit} size="small" style={{ minWidth: 140 }}>
              <div style={{ fontWeight: 500, marginBottom: 4 }}>{unit}</div>
              <Space size={4}>
                {(['high', 'medium', 'low'] as const)
                  .filter((l) => c[l])
                  .map((l) => (
                    <Tag key={l} color={LEVEL_COLOR[l]}>
                      {levelName(l)} {c[l]}
                    </Tag>
                  ))}
              </Space>
            </Card>
          ))}
      </Flex>
    </Card>
  );
}
