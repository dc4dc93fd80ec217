import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import {
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Input,
  InputNumber,
  List,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import cytoscape, { type Core } from 'cytoscape';
import * as echarts from 'echarts/core';
import { SankeyChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { Static } from 'typebox';
import type { MuleResponse, NeighbourhoodResponse } from '../../../../contract/graph.ts';
import { PageHeader } from '../../shared/PageHeader.tsx';
import { usePurpose } from '../../shared/purpose.tsx';
import { useSession } from '../auth/session.tsx';
import { graphApi, graphQueries } from './api.ts';
import { typeKey, useGraphT } from './i18n.ts';

echarts.use([SankeyChart, TooltipComponent, CanvasRenderer]);

const COLORS: Record<string, string> = {
  case: '#cf1322',
  warning: '#fa8c16',
  phone: '#1677ff',
  account: '#389e0d',
  url: '#722ed1',
  domain: '#722ed1',
  app: '#13c2c2',
  wechat: '#52c41a',
  qq: '#2f54eb',
  alipay: '#1890ff',
  imei: '#8c8c8c',
  wallet: '#d4b106',
  id_number: '#eb2f96',
  ip: '#595959',
  other: '#bfbfbf',
};
const START_KINDS = [
  'case',
  'phone',
  'account',
  'warning',
  'wechat',
  'qq',
  'alipay',
  'domain',
  'url',
  'app',
  'imei',
  'wallet',
];

export function GraphPage() {
  const t = useGraphT();
  const [params] = useSearchParams();
  const [kind, setKind] = useState(params.get('kind') ?? 'case');
  const [value, setValue] = useState(params.get('value') ?? '');
  const caseId = kind === 'case' ? value.trim() : '';
  return (
    <div>
      <PageHeader title={t('title')} />
      <Space.Compact style={{ width: '100%', maxWidth: 560, marginBottom: 12 }}>
        <Select
          value={kind}
          onChange={setKind}
          style={{ width: 110 }}
          options={START_KINDS.map((k) => ({ value: k, label: t(typeKey(k)) }))}
          data-testid="graph-kind"
        />
        <Input
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={t('startPlaceholder')}
          data-testid="graph-start"
        />
      </Space.Compact>
      <Tabs
        items={[
          { key: 'graph', label: t('title'), children: <GraphView kind={kind} value={value.trim()} /> },
          ...(caseId
            ? [
                { key: 'related', label: t('related'), children: <RelatedList caseId={caseId} /> },
                { key: 'flow', label: t('flow'), children: <FlowView caseId={caseId} /> },
              ]
            : []),
          { key: 'mules', label: t('mules'), children: <MuleList /> },
          { key: 'gangs', label: t('gangs'), children: <GangList /> },
        ]}
      />
    </div>
  );
}

function GraphView({ kind, value }: { kind: string; value: string }) {
  const t = useGraphT();
  const { message } = AntApp.useApp();
  const { can } = useSession();
  const { ask, modal } = usePurpose();
  const purpose = useRef<string | undefined>(undefined);
  const box = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const [hops, setHops] = useState(1);
  const [types, setTypes] = useState<string[]>(Object.keys(COLORS));
  const [from, setFrom] = useState('');
  const picked = useRef<string[]>([]);
  const data = useRef<NeighbourhoodResponse>({ nodes: [], edges: [], truncated: false });
  const [count, setCount] = useState(0);

  const merge = useCallback(
    (res: NeighbourhoodResponse) => {
      const g = cy.current;
      if (!g) return;
      const have = new Set(data.current.nodes.map((n) => n.id));
      for (const n of res.nodes)
        if (!have.has(n.id)) {
          data.current.nodes.push(n);
          have.add(n.id);
        }
      const edgeKey = (e: { source: string; target: string; seenAs: string }) => `${e.source}|${e.target}|${e.seenAs}`;
      const haveE = new Set(data.current.edges.map(edgeKey));
      for (const e of res.edges)
        if (!haveE.has(edgeKey(e))) {
          data.current.edges.push(e);
          haveE.add(edgeKey(e));
        }
      g.batch(() => {
        for (const n of res.nodes) {
          if (g.getElementById(n.id).nonempty()) continue;
          g.add({
            group: 'nodes',
            data: {
              id: n.id,
              label: n.suppressed ? `${n.label} ⊘` : n.label,
              type: n.type,
              at: n.at ?? '',
              suppressed: n.suppressed ?? '',
            },
          });
        }
        for (const e of res.edges) {
          const id = edgeKey(e);
          if (
            g.getElementById(id).nonempty() ||
            g.getElementById(e.source).empty() ||
            g.getElementById(e.target).empty()
          )
            continue;
          g.add({ group: 'edges', data: { id, source: e.source, target: e.target, label: e.seenAs } });
        }
      });
      g.layout({ name: 'cose', animate: false }).run();
      setCount(g.nodes().length);
      if (res.truncated) message.info('…');
    },
    [message],
  );

  const queries = useQueryClient();
  // each expansion is a cached read merged into the picture (a failed one has had its toast from the cache)
  const expand = useCallback(
    async (k: string, v: string, h: number) => {
      const res = await queries.fetchQuery(graphQueries.neighbourhood(k, v, h, purpose.current)).catch(() => null);
      if (res) merge(res);
    },
    [merge, queries],
  );

  useEffect(() => {
    if (!box.current) return;
    const g = cytoscape({
      container: box.current,
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            'font-size': 10,
            'background-color': (n) => COLORS[n.data('type') as string] ?? '#999',
            width: 18,
            height: 18,
          },
        },
        {
          selector: 'node[type = "case"], node[type = "warning"]',
          style: { shape: 'round-rectangle', width: 26, height: 18 },
        },
        {
          selector: 'node[suppressed != ""]',
          style: { 'border-width': 2, 'border-color': '#000', 'border-style': 'dashed' },
        },
        {
          selector: 'edge',
          style: { width: 1, 'line-color': '#bbb', label: 'data(label)', 'font-size': 7, color: '#888' },
        },
        { selector: '.path', style: { 'line-color': '#f5222d', 'background-color': '#f5222d', width: 3 } },
        { selector: '.hidden', style: { display: 'none' } },
      ],
    });
    cy.current = g;
    // the picture is a canvas: browser tests reach its nodes through this handle
    (window as unknown as { __zwGraph?: Core }).__zwGraph = g;
    g.on('tap', 'node', (ev) => {
      const n = ev.target;
      const id = n.id() as string;
      const type = n.data('type') as string;
      picked.current = [...picked.current, id].slice(-2);
      if (picked.current.length === 2) {
        g.elements().removeClass('path');
        const [a, b] = picked.current;
        const r = g.elements(':visible').aStar({ root: `#${CSS.escape(a!)}`, goal: `#${CSS.escape(b!)}` });
        if (r.found) r.path.addClass('path');
      }
      if (n.data('suppressed')) return;
      if (type === 'case' || type === 'warning') void expand(type, id.slice(type.length + 1), 1);
      else if (!id.includes('#')) void expand(type, id.slice(type.length + 1), 1); // masked values cannot be searched
    });
    return () => {
      g.destroy();
      cy.current = null;
    };
  }, [expand]);

  useEffect(() => {
    const g = cy.current;
    if (!g) return;
    g.batch(() => {
      g.nodes().forEach((n) => {
        const at = n.data('at') as string;
        const hidden = !types.includes(n.data('type') as string) || (!!from && !!at && at < from);
        if (hidden) n.addClass('hidden');
        else n.removeClass('hidden');
      });
    });
  }, [types, from]);

  const open = async () => {
    // values are masked unless the role may see them and a purpose is given; masked values cannot be expanded
    if (can('personal:unmask')) purpose.current = (await ask()) ?? undefined;
    cy.current?.elements().remove();
    data.current = { nodes: [], edges: [], truncated: false };
    picked.current = [];
    setCount(0);
    if (value) void expand(kind, value, hops);
  };

  const png = () => {
    const uri = cy.current?.png({ full: true, bg: '#fff' });
    if (!uri) return;
    const a = document.createElement('a');
    a.href = uri;
    a.download = 'graph.png';
    a.click();
  };
  const excel = async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ns = wb.addWorksheet('节点');
    ns.columns = [
      { header: 'ID', key: 'id', width: 30 },
      { header: '类型', key: 'type', width: 10 },
      { header: '标签', key: 'label', width: 24 },
      { header: '时间', key: 'at', width: 22 },
      { header: '未展开原因', key: 'suppressed', width: 24 },
    ];
    data.current.nodes.forEach((n) => ns.addRow({ ...n, type: t(typeKey(n.type)) }));
    const es = wb.addWorksheet('关系');
    es.columns = [
      { header: '起点', key: 'source', width: 30 },
      { header: '终点', key: 'target', width: 30 },
      { header: '角色', key: 'seenAs', width: 18 },
      { header: '时间', key: 'at', width: 22 },
    ];
    data.current.edges.forEach((e) => es.addRow(e));
    const blob = new Blob([await wb.xlsx.writeBuffer()], {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'graph.xlsx';
    a.click();
  };

  return (
    <Card size="small">
      {modal}
      <Flex wrap gap={8} align="center" style={{ marginBottom: 8 }}>
        <span>{t('hops')}</span>
        <InputNumber min={1} max={3} value={hops} onChange={(v) => setHops(v ?? 1)} style={{ width: 64 }} />
        <Button type="primary" onClick={() => void open()} data-testid="graph-open">
          {t('open')}
        </Button>
        <Input
          type="date"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          style={{ width: 150 }}
          aria-label={t('from')}
        />
        <Button onClick={png}>{t('png')}</Button>
        <Button onClick={() => void excel()}>{t('excel')}</Button>
      </Flex>
      <Checkbox.Group
        value={types}
        onChange={(v) => setTypes(v as string[])}
        options={Object.keys(COLORS).map((k) => ({ value: k, label: <Tag color={COLORS[k]}>{t(typeKey(k))}</Tag> }))}
      />
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }}>
        {t('expandHint')}
      </Typography.Paragraph>
      <div
        ref={box}
        style={{ width: '100%', height: 'min(70vh, 560px)', border: '1px solid #f0f0f0' }}
        data-testid="graph-canvas"
        data-nodes={count}
      />
    </Card>
  );
}

function RelatedList({ caseId }: { caseId: string }) {
  const t = useGraphT();
  const { can } = useSession();
  const queries = useQueryClient();
  const { data } = useQuery(graphQueries.related(caseId));
  const decision = useMutation({
    mutationFn: (v: { other: { caseId?: string; warningId?: string }; d: 'confirmed' | 'rejected' }) =>
      graphApi.decide(caseId, v.other, v.d),
    // a confirmed link shows here and on both cases' pages
    onSettled: () =>
      Promise.all([
        queries.invalidateQueries({ queryKey: ['graph'] }),
        queries.invalidateQueries({ queryKey: ['cases'] }),
      ]),
  });
  if (!data) return null;
  const decide = (other: { caseId?: string; warningId?: string }, d: 'confirmed' | 'rejected') =>
    decision.mutate({ other, d });
  return (
    <Card size="small">
      <List
        dataSource={data.items}
        locale={{ emptyText: <Empty description={t('none')} /> }}
        renderItem={(i) => {
          const other = i.caseId ? { caseId: i.caseId } : { warningId: i.warningId! };
          return (
            <List.Item
              data-testid="related-item"
              actions={
                can('graph:write') && i.caseId
                  ? [
                      <Button
                        key="c"
                        size="small"
                        type="primary"
                        disabled={i.confirmed}
                        onClick={() => decide(other, 'confirmed')}
                      >
                        {t('confirm')}
                      </Button>,
                      <Button key="r" size="small" onClick={() => decide(other, 'rejected')}>
                        {t('reject')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Space>
                    {i.caseId ? `${t('type.case')} ${i.caseId}` : `${t('type.warning')} ${i.warningId}`}
                    <Tag>{t('hopsLabel', { n: i.hops })}</Tag>
                    {i.confirmed && <Tag color="red">{t('confirmed')}</Tag>}
                  </Space>
                }
                description={
                  i.shared.map((s) => `${t(typeKey(s.kind))} ${s.value}（${s.seenAs}）`).join('；') +
                  (i.via ? ` ← ${i.via.caseId ?? i.via.warningId}` : '')
                }
              />
            </List.Item>
          );
        }}
      />
      {!!data.suppressed?.length && (
        <Typography.Paragraph type="secondary">
          {data.suppressed
            .map(
              (s) =>
                `${t(typeKey(s.kind))} ${s.value}：${t('suppressed', { why: s.reason === 'hub' ? `>${s.cap}` : t('allowList') })}`,
            )
            .join('；')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function FlowView({ caseId }: { caseId: string }) {
  const t = useGraphT();
  const { message } = AntApp.useApp();
  const { can } = useSession();
  const { ask, modal } = usePurpose();
  const [depth, setDepth] = useState(3);
  const [rule, setRule] = useState<'lifo' | 'proportional'>('lifo');
  // the flow is read when asked for (it needs a purpose), with the depth and rule of that moment
  const [asked, setAsked] = useState<{ depth: number; rule: 'lifo' | 'proportional'; purpose: string } | null>(null);
  const { data: flow } = useQuery({
    ...graphQueries.flow(caseId, asked?.depth ?? depth, asked?.rule ?? rule, asked?.purpose),
    enabled: !!asked,
  });
  // null: every next account of the flow shown, until the officer changes the choice
  const [chosen, setChosen] = useState<string[] | null>(null);
  const selected = chosen ?? flow?.nextAccounts?.map((n) => n.account) ?? [];
  const setSelected = setChosen;
  const queries = useQueryClient();
  const chartBox = useRef<HTMLDivElement>(null);
  const handoff = useHandoff();

  const load = async () => {
    const purpose = await ask();
    if (!purpose) return;
    setChosen(null);
    setAsked({ depth, rule, purpose });
  };

  const option = useMemo(
    () =>
      flow && {
        tooltip: { trigger: 'item' },
        series: [
          {
            type: 'sankey',
            emphasis: { focus: 'adjacency' },
            nodeAlign: 'left',
            data: flow.nodes.map((n) => ({
              name: n.account,
              itemStyle: { color: n.cashOut ? '#cf1322' : n.hub ? '#8c8c8c' : '#1677ff' },
            })),
            links: flow.edges
              .filter((e) => e.from !== e.to)
              .map((e) => ({ source: e.from, target: e.to, value: e.amount })),
            label: { fontSize: 10 },
          },
        ],
      },
    [flow],
  );

  useEffect(() => {
    if (!chartBox.current || !option) return;
    const chart = echarts.init(chartBox.current);
    chart.setOption(option);
    const onResize = () => chart.resize();
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      chart.dispose();
    };
  }, [option]);

  const orders = async (kind: 'stop_payment' | 'freeze') => {
    let n = 0;
    for (const acc of selected) {
      const amount = flow?.nextAccounts?.find((x) => x.account === acc)?.amount;
      try {
        await graphApi.order(caseId, kind, acc, amount);
        n++;
      } catch (e) {
        message.error(`${acc}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (n) message.success(t('ordersDone', { n }));
    await queries.invalidateQueries({ queryKey: ['orders'] });
  };

  return (
    <Card size="small">
      {modal}
      <Flex wrap gap={8} align="center" style={{ marginBottom: 8 }}>
        <span>{t('depth')}</span>
        <InputNumber min={1} max={8} value={depth} onChange={(v) => setDepth(v ?? 3)} style={{ width: 64 }} />
        <Radio.Group
          value={rule}
          onChange={(e) => setRule(e.target.value as 'lifo' | 'proportional')}
          options={[
            { value: 'lifo', label: t('lifo') },
            { value: 'proportional', label: t('proportional') },
          ]}
        />
        <Button type="primary" onClick={() => void load()} data-testid="flow-open">
          {t('open')}
        </Button>
      </Flex>
      {flow && <Typography.Paragraph type="secondary">{flow.notes?.join('；')}</Typography.Paragraph>}
      <div ref={chartBox} style={{ width: '100%', height: flow ? 420 : 0 }} data-testid="flow-chart" />
      {flow && (
        <>
          <Typography.Title level={5}>{t('nextAccounts')}</Typography.Title>
          <Table
            size="small"
            rowKey="account"
            pagination={false}
            dataSource={flow.nextAccounts ?? []}
            rowSelection={{ selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]) }}
            columns={[
              { dataIndex: 'account', title: t('type.account') },
              { dataIndex: 'level', title: t('depth') },
              { dataIndex: 'amount', title: '¥' },
            ]}
          />
          {can('orders:write') && (
            <Space style={{ marginTop: 8 }}>
              <Button
                type="primary"
                danger
                disabled={!selected.length}
                onClick={() => void orders('stop_payment')}
                data-testid="flow-orders"
              >
                {t('makeOrders')}
              </Button>
              <Button disabled={!selected.length} onClick={() => void orders('freeze')}>
                {t('makeFreeze')}
              </Button>
              {can('graph:write') && can('indicators:write') && (
                <Button
                  danger
                  disabled={!selected.length}
                  onClick={() =>
                    void handoff(
                      selected.map((a) => ({ account: a, label: a })),
                      'block_list',
                    )
                  }
                  data-testid="flow-block"
                >
                  {t('toBlockList')}
                </Button>
              )}
              {can('graph:write') && can('cards:write') && (
                <Button
                  disabled={!selected.length}
                  onClick={() =>
                    void handoff(
                      selected.map((a) => ({ account: a, label: a })),
                      'cards',
                    )
                  }
                >
                  {t('toCards')}
                </Button>
              )}
            </Space>
          )}
        </>
      )}
    </Card>
  );
}

type Target = 'block_list' | 'cards';

/** Sends mule accounts (refs from the mule list, or account numbers from the flow) on; says what happened to each. */
function useHandoff() {
  const t = useGraphT();
  const { message } = AntApp.useApp();
  const queries = useQueryClient();
  return async (accounts: { account: string; label: string }[], target: Target) => {
    let done = 0;
    for (const a of accounts) {
      try {
        const r = await graphApi.handoff(a.account, [target]);
        for (const x of r.results)
          message[x.status === 'sent' ? 'success' : 'info'](
            `${a.label}: ${t(x.status === 'sent' ? 'handoff.sent' : 'handoff.already', { target: t(`target.${x.target}`) })}`,
          );
        done++;
      } catch (e) {
        message.error(`${a.label}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    // the mule list's 已送 tags, and the block list or the 两卡 registry the accounts went to
    await Promise.all(
      [['graph'], target === 'cards' ? ['cards'] : ['indicators']].map((queryKey) =>
        queries.invalidateQueries({ queryKey }),
      ),
    );
    return done;
  };
}

function MuleList() {
  const t = useGraphT();
  const { can } = useSession();
  const handoff = useHandoff();
  const [minScore, setMinScore] = useState(50);
  // a role without the mule list sees it empty rather than an error
  const { data: items = [] } = useQuery({
    ...graphQueries.mules(minScore),
    meta: { quiet: true },
    select: (r) => r.items,
  });
  const send = (m: { ref: string; account: string }, target: Target) =>
    handoff([{ account: m.ref, label: m.account }], target);
  return (
    <Card size="small">
      <Flex gap={8} align="center" style={{ marginBottom: 8 }}>
        <span>{t('score')} ≥</span>
        <InputNumber
          min={0}
          max={100}
          value={minScore}
          onChange={(v) => setMinScore(v ?? 50)}
          style={{ width: 72 }}
          data-testid="mule-min"
        />
      </Flex>
      <Table
        size="small"
        rowKey="ref"
        dataSource={items}
        scroll={{ x: true }}
        data-testid="mule-list"
        columns={[
          { dataIndex: 'account', title: t('type.account') },
          { dataIndex: 'score', title: t('score') },
          { dataIndex: 'reasons', title: t('reasons'), render: (r: string[]) => r.join('；') },
          { dataIndex: 'cases', title: t('type.case'), render: (c: string[]) => c.join(', ') },
          {
            key: 'handoff',
            title: t('sentTo'),
            render: (_: unknown, m: Static<typeof MuleResponse>['items'][number]) => (
              <Space wrap size={4}>
                {m.sent.map((x) => (
                  <Tag key={x} color="green">
                    {t(`target.${x}`)}
                  </Tag>
                ))}
                {can('graph:write') && can('indicators:write') && !m.sent.includes('block_list') && (
                  <Button size="small" danger onClick={() => void send(m, 'block_list')} data-testid="mule-block">
                    {t('toBlockList')}
                  </Button>
                )}
                {can('graph:write') && can('cards:write') && !m.sent.includes('cards') && (
                  <Button size="small" onClick={() => void send(m, 'cards')} data-testid="mule-cards">
                    {t('toCards')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

function GangList() {
  const t = useGraphT();
  const [minSize, setMinSize] = useState(2);
  const gangs = useQuery({ ...graphQueries.gangs(minSize), select: (r) => r.items });
  const items = gangs.isError ? [] : (gangs.data ?? null);
  const day = (iso: string) => iso.slice(0, 10);
  return (
    <Card size="small">
      <Flex gap={8} align="center" style={{ marginBottom: 8 }}>
        <span>{t('minSize')} ≥</span>
        <InputNumber min={2} max={1000} value={minSize} onChange={(v) => setMinSize(v ?? 2)} style={{ width: 72 }} />
      </Flex>
      <Table
        size="small"
        rowKey="id"
        loading={items === null}
        dataSource={items ?? []}
        scroll={{ x: true }}
        data-testid="gang-list"
        expandable={{
          expandedRowRender: (g) => (
            <Flex wrap gap={24}>
              <div style={{ minWidth: 260 }}>
                <Typography.Text strong>{t('timeline')}</Typography.Text>
                <List
                  size="small"
                  dataSource={g.timeline}
                  renderItem={(x) => (
                    <List.Item>
                      {x.at.slice(0, 16).replace('T', ' ')} ·{' '}
                      {x.caseId ? `${t('type.case')} ${x.caseId}` : `${t('type.warning')} ${x.warningId}`}
                      {x.loss !== undefined && ` · ¥${x.loss.toLocaleString()}`}
                    </List.Item>
                  )}
                />
              </div>
              <div style={{ minWidth: 220 }}>
                <Typography.Text strong>{t('shared')}</Typography.Text>
                <List
                  size="small"
                  dataSource={g.shared}
                  renderItem={(x) => (
                    <List.Item>
                      <Tag>{t(typeKey(x.kind))}</Tag> {x.value} ×{x.records}
                    </List.Item>
                  )}
                />
              </div>
            </Flex>
          ),
        }}
        columns={[
          {
            key: 'cases',
            title: t('gangCases'),
            render: (_: unknown, g) => `${g.caseIds.length}${g.warningIds.length ? ` + ${g.warningIds.length}` : ''}`,
          },
          {
            dataIndex: 'totalLoss',
            title: t('totalLoss'),
            render: (v: number) => v.toLocaleString(),
          },
          {
            key: 'shared',
            title: t('shared'),
            render: (_: unknown, g) =>
              g.shared
                .slice(0, 3)
                .map((x) => `${t(typeKey(x.kind))} ${x.value}`)
                .join('；'),
          },
          { key: 'period', title: t('period'), render: (_: unknown, g) => `${day(g.firstAt)} ~ ${day(g.lastAt)}` },
        ]}
      />
    </Card>
  );
}
