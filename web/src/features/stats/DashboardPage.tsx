import { useCallback, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Ranking } from '../../../../contract/stats.ts';
import { Link } from 'react-router-dom';
import { App, Button, Card, Col, Drawer, Flex, Row, Segmented, Space, Table, Typography } from 'antd';
import { DownloadOutlined, FullscreenOutlined } from '@ant-design/icons';
import { useSession } from '../auth/session.tsx';
import { useFraudTypeName } from '../warnings/i18n.ts';
import { statsApi, statsQueries, type Period } from './api.ts';
import { Chart } from './Chart.tsx';
import { KpiCards } from './KpiCards.tsx';
import { ReportsCard } from './ReportsCard.tsx';
import { useDimLabel, useStatsT } from './i18n.ts';
import { usePeriod, type Preset } from './usePeriod.ts';

interface Drill {
  kpi: string;
  dim?: string;
  key?: string;
  label: string;
}

export default function DashboardPage() {
  const t = useStatsT();
  const dimLabel = useDimLabel();
  const ftName = useFraudTypeName();
  const { message } = App.useApp();
  const { can } = useSession();
  const { preset, setPreset, period } = usePeriod();
  const [unitId, setUnitId] = useState<string | undefined>();
  const p: Period = useMemo(() => ({ ...period, unitId }), [period, unitId]);
  const kpis = useQuery(statsQueries.kpis(p)).data;
  const trend = useQuery(statsQueries.trend(p, ['warnings_opened', 'dissuaded', 'defrauded'])).data;
  const types = useQuery(statsQueries.breakdown(p, 'warnings_opened', 'fraud_type')).data;
  const ages = useQuery(statsQueries.breakdown(p, 'warnings_opened', 'age_band')).data;
  const channels = useQuery(statsQueries.breakdown(p, 'contacts', 'channel')).data;
  const ranking = useQuery(statsQueries.ranking(p)).data;
  const [drill, setDrill] = useState<Drill | null>(null);

  const typeName = useCallback((code: string) => ftName({ code, name: code }), [ftName]);
  const trendOption = useMemo(
    () =>
      trend && {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 40, right: 16, top: 32, bottom: 24 },
        xAxis: {
          type: 'category',
          data: [...new Set(trend.series.flatMap((s) => s.points.map((x) => x.bucket)))].sort(),
        },
        yAxis: { type: 'value' },
        series: trend.series.map((s) => {
          const byBucket = new Map(s.points.map((x) => [x.bucket, x.value]));
          const buckets = [...new Set(trend.series.flatMap((x) => x.points.map((y) => y.bucket)))].sort();
          return {
            name: t(`metric.${s.metric}`),
            type: 'line',
            smooth: true,
            data: buckets.map((b) => byBucket.get(b) ?? 0),
          };
        }),
      },
    [trend, t],
  );
  const typeOption = useMemo(
    () =>
      types && {
        tooltip: {},
        grid: { left: 120, right: 16, top: 8, bottom: 24 },
        yAxis: { type: 'category', inverse: true, data: types.items.map((i) => typeName(i.key)) },
        xAxis: { type: 'value' },
        series: [{ type: 'bar', data: types.items.map((i) => i.value), itemStyle: { color: '#1d4ed8' } }],
      },
    [types, typeName],
  );
  const ageOption = useMemo(
    () =>
      ages && {
        tooltip: {},
        legend: { bottom: 0 },
        series: [
          {
            type: 'pie',
            radius: ['35%', '65%'],
            data: ages.items.map((i) => ({ name: dimLabel('age_band', i.key), value: i.value })),
          },
        ],
      },
    [ages, dimLabel],
  );
  const channelOption = useMemo(
    () =>
      channels && {
        tooltip: {},
        grid: { left: 40, right: 16, top: 8, bottom: 24 },
        xAxis: { type: 'category', data: channels.items.map((i) => dimLabel('channel', i.key)) },
        yAxis: { type: 'value' },
        series: [{ type: 'bar', data: channels.items.map((i) => i.value), itemStyle: { color: '#0f766e' } }],
      },
    [channels, dimLabel],
  );

  const openDrill = (kpi: string) => setDrill({ kpi, label: t(`kpi.${kpi}`) });
  const drillType = (name: string) => {
    const code = types?.items.find((i) => typeName(i.key) === name)?.key;
    if (code)
      setDrill({
        kpi: 'warnings_opened',
        dim: 'fraud_type',
        key: code,
        label: `${t('kpi.warnings_opened')} · ${name}`,
      });
  };
  const drillAge = (name: string) => {
    const key = ages?.items.find((i) => dimLabel('age_band', i.key) === name)?.key;
    if (key) setDrill({ kpi: 'warnings_opened', dim: 'age_band', key, label: `${t('kpi.warnings_opened')} · ${name}` });
  };

  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={8} align="center" justify="space-between">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('title')}
          {kpis ? ` · ${kpis.unit.name}` : ''}
        </Typography.Title>
        <Space wrap>
          <Segmented<Preset>
            aria-label={t('period')}
            value={preset}
            onChange={setPreset}
            options={(['thisWeek', 'thisMonth', 'last30', 'thisYear'] as const).map((v) => ({ value: v, label: t(v) }))}
          />
          {unitId && <Button onClick={() => setUnitId(undefined)}>{t('back')}</Button>}
          <Button
            icon={<DownloadOutlined />}
            onClick={() => statsApi.exportKpis(p).catch((e) => message.error(String(e)))}
          >
            {t('export')}
          </Button>
          <Link to="/wall">
            <Button icon={<FullscreenOutlined />}>{t('wall')}</Button>
          </Link>
        </Space>
      </Flex>
      <Typography.Text style={{ color: '#4b5563' }}>
        {period.from} — {period.to}
        {kpis ? ` · ${t('yoy')} ${kpis.compare.yoy.from} — ${kpis.compare.yoy.to}` : ''}
      </Typography.Text>
      {kpis && <KpiCards kpis={kpis.kpis} onDrill={can('warnings:read') ? openDrill : undefined} />}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('trend')}>
            {trendOption && <Chart option={trendOption} label={t('trend')} />}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('byFraudType')}>
            {typeOption && <Chart option={typeOption} label={t('byFraudType')} onClick={drillType} />}
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('byAgeBand')}>
            {ageOption && <Chart option={ageOption} label={t('byAgeBand')} onClick={drillAge} />}
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('byChannel')}>
            {channelOption && <Chart option={channelOption} label={t('byChannel')} />}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('ranking')}>
        <Table
          size="small"
          rowKey="unitId"
          pagination={false}
          dataSource={ranking?.items ?? []}
          scroll={{ x: true }}
          columns={[
            { title: t('rank'), dataIndex: 'rank', width: 64 },
            {
              title: t('unit'),
              dataIndex: 'unitName',
              render: (v: string, r) => (
                <Button type="link" style={{ padding: 0 }} onClick={() => setUnitId(r.unitId)}>
                  {v}
                </Button>
              ),
            },
            { title: t('score'), dataIndex: 'score', width: 80 },
            ...Object.keys(ranking?.weights ?? {}).map((k) => ({
              title: `${t(`kpi.${k}`)} (${ranking!.weights[k]})`,
              key: k,
              render: (_: unknown, r: Ranking['items'][number]) =>
                r.values[k] === null || r.values[k] === undefined ? '—' : String(r.values[k]),
            })),
          ]}
        />
      </Card>
      <ReportsCard unitId={unitId} today={period.to} />
      <DrillDrawer drill={drill} period={p} onClose={() => setDrill(null)} />
    </Flex>
  );
}

function DrillDrawer({ drill, period, onClose }: { drill: Drill | null; period: Period; onClose: () => void }) {
  const t = useStatsT();
  const ftName = useFraudTypeName();
  const { message } = App.useApp();
  // the page belongs to the drill it was turned on: another drill starts on page 1
  const [paged, setPaged] = useState<{ drill: Drill | null; page: number }>({ drill: null, page: 1 });
  const page = paged.drill === drill ? paged.page : 1;
  const setPage = (n: number) => setPaged({ drill, page: n });
  const q = { kpi: drill?.kpi ?? '', dim: drill?.dim, key: drill?.key, page, pageSize: 20 };
  const rows = useQuery({ ...statsQueries.drill(period, q), enabled: !!drill }).data;
  return (
    <Drawer
      open={!!drill}
      onClose={onClose}
      size="large"
      title={drill ? t('drillTitle', { kpi: drill.label }) : ''}
      extra={
        drill && (
          <Button
            icon={<DownloadOutlined />}
            onClick={() =>
              statsApi
                .exportDrill(period, { kpi: drill.kpi, dim: drill.dim, key: drill.key })
                .catch((e) => message.error(String(e)))
            }
          >
            {t('export')}
          </Button>
        )
      }
    >
      <Table
        size="small"
        rowKey="id"
        dataSource={rows?.items ?? []}
        scroll={{ x: true }}
        data-testid="drill-table"
        pagination={{
          current: page,
          pageSize: 20,
          total: rows?.total ?? 0,
          onChange: setPage,
          showTotal: (n) => t('records', { n: rows?.totalCapped ? `${n}+` : n }),
        }}
        columns={[
          { title: t('unit'), dataIndex: 'unitName' },
          { title: 'ID', dataIndex: 'id', render: (v: string) => <Link to={`/warnings/${v}`}>{v.slice(0, 8)}</Link> },
          { title: t('caller'), dataIndex: 'subjectPhone' },
          {
            title: t('fraudType'),
            dataIndex: 'fraudTypes',
            render: (v: string[]) => v.map((c) => ftName({ code: c, name: c })).join('、'),
          },
          { title: t('at'), dataIndex: 'openedAt', render: (v: string) => v.slice(0, 16).replace('T', ' ') },
          { title: t('outcome'), dataIndex: 'disposition' },
          { title: t('loss'), dataIndex: 'loss' },
        ]}
      />
    </Drawer>
  );
}
