import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { Col, Row } from 'antd';
import { statsQueries } from './api.ts';
import { Chart } from './Chart.tsx';
import { KpiCards } from './KpiCards.tsx';
import { useStatsT } from './i18n.ts';
import { periodOf, useToday } from './usePeriod.ts';

const WALL_KPIS = [
  'warnings_opened',
  'warnings_high',
  'dissuaded',
  'loss_avoided',
  'face_to_face_rate',
  'closed_in_time_rate',
  'defrauded',
  'days_since_after_warning_victim',
];
const REFRESH_MS = 30_000;

/** The centre's wall: dark, large type, this month against last year, refreshed every 30 s. */
export default function WallPage() {
  const t = useStatsT();
  const today = useToday();
  const period = useMemo(() => periodOf('thisMonth', today), [today]);
  // an unattended screen: a failed refresh keeps the last figures and says nothing (the next one may succeed)
  const wall = { refetchInterval: REFRESH_MS, meta: { quiet: true } };
  const kpiQuery = useQuery({ ...statsQueries.kpis(period), ...wall });
  const kpis = kpiQuery.data;
  const trend = useQuery({
    ...statsQueries.trend({ from: `${today.slice(0, 4)}-01-01`, to: today }, ['warnings_opened', 'dissuaded'], 'month'),
    ...wall,
  }).data;
  const ranking = useQuery({ ...statsQueries.ranking(period), ...wall }).data;
  const at = kpiQuery.dataUpdatedAt ? new Date(kpiQuery.dataUpdatedAt).toLocaleTimeString('zh-CN') : '';
  const option = useMemo(
    () =>
      trend && {
        textStyle: { fontSize: 16 },
        legend: { top: 0, textStyle: { color: '#f8fafc', fontSize: 16 } },
        tooltip: { trigger: 'axis' },
        grid: { left: 60, right: 20, top: 40, bottom: 30 },
        xAxis: {
          type: 'category',
          data: trend.series[0]?.points.map((p) => p.bucket.slice(0, 7)) ?? [],
          axisLabel: { color: '#e2e8f0', fontSize: 14 },
        },
        yAxis: { type: 'value', axisLabel: { color: '#e2e8f0', fontSize: 14 } },
        series: trend.series.map((s) => ({
          name: t(`metric.${s.metric}`),
          type: 'bar',
          data: s.points.map((p) => p.value),
        })),
      },
    [trend, t],
  );
  const shown = kpis?.kpis.filter((k) => WALL_KPIS.includes(k.key)) ?? [];
  return (
    <main className="zw-wall">
      <h1>
        {kpis?.unit.name ?? ''} {t('title')}{' '}
        <span style={{ fontSize: 20, color: '#cbd5e1' }}>
          {period.from} — {period.to} · {t('refreshed', { t: at })}
        </span>
      </h1>
      <KpiCards kpis={shown} dark big />
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} lg={14}>
          {option && <Chart option={option} label={t('trend')} height={360} dark />}
        </Col>
        <Col xs={24} lg={10}>
          <h2 style={{ fontSize: 28, color: '#f8fafc', margin: '0 0 8px' }}>{t('ranking')}</h2>
          <ol style={{ fontSize: 24, lineHeight: 1.7, margin: 0, paddingLeft: 32 }}>
            {ranking?.items.slice(0, 8).map((r) => (
              <li key={r.unitId}>
                {r.unitName} <span style={{ color: '#fde68a' }}>{r.score}</span>
              </li>
            ))}
          </ol>
        </Col>
      </Row>
      <p>
        <Link to="/statistics" style={{ color: '#93c5fd', fontSize: 16 }}>
          {t('back')}
        </Link>
      </p>
    </main>
  );
}
