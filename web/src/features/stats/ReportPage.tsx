import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { Button, Spin, Table } from 'antd';
import { useFraudTypeName } from '../warnings/i18n.ts';
import { statsQueries } from './api.ts';
import { Chart } from './Chart.tsx';
import { fmtValue } from './KpiCards.tsx';
import { useStatsT } from './i18n.ts';

/**
 * The printable 周报/月报: plain A4-friendly layout; "print" is the browser's own print dialog (save as PDF). The
 * server keeps the figures; the page renders them the same way whenever it is opened.
 */
export default function ReportPage() {
  const { id = '' } = useParams();
  const t = useStatsT();
  const ft = useFraudTypeName();
  // a kept report does not change: read once; the page shows a failure itself
  const report = useQuery({ ...statsQueries.report(id), staleTime: Infinity, meta: { quiet: true } });
  const doc = report.data;
  const error = report.error ? String(report.error) : '';
  const trend = useMemo(
    () =>
      doc && {
        animation: false,
        legend: { top: 0 },
        grid: { left: 40, right: 16, top: 32, bottom: 24 },
        xAxis: { type: 'category', data: doc.trend.series[0]?.points.map((p) => p.bucket.slice(5)) ?? [] },
        yAxis: { type: 'value' },
        series: doc.trend.series.map((s) => ({
          name: t(`metric.${s.metric}`),
          type: 'line',
          data: s.points.map((p) => p.value),
        })),
      },
    [doc, t],
  );
  const types = useMemo(
    () =>
      doc && {
        animation: false,
        grid: { left: 120, right: 16, top: 8, bottom: 24 },
        yAxis: {
          type: 'category',
          inverse: true,
          data: doc.fraudTypes.items.map((i) => ft({ code: i.key, name: i.key })),
        },
        xAxis: { type: 'value' },
        series: [{ type: 'bar', data: doc.fraudTypes.items.map((i) => i.value), itemStyle: { color: '#1d4ed8' } }],
      },
    [doc, ft],
  );
  if (error) return <main style={{ padding: 24 }}>{error}</main>;
  if (!doc) return <Spin style={{ display: 'block', margin: 80 }} />;
  return (
    <main
      className="zw-report"
      style={{ maxWidth: 900, margin: '0 auto', padding: 24, background: '#fff', color: '#111' }}
    >
      <div className="zw-no-print" style={{ display: 'flex', gap: 8, marginBottom: 12 }}>
        <Link to="/statistics">{t('back')}</Link>
        <Button type="primary" onClick={() => window.print()} data-testid="print">
          {t('print')}
        </Button>
      </div>
      <h1 style={{ textAlign: 'center', fontSize: 26 }}>
        {doc.unit.name}反诈工作{t(doc.kind)}
      </h1>
      <p style={{ textAlign: 'center' }}>
        {doc.period.from} — {doc.period.to} · {t('generatedAt')} {doc.createdAt.slice(0, 16).replace('T', ' ')}
      </p>
      <h2 style={{ fontSize: 20 }}>一、主要指标</h2>
      <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="report-kpis">
        <thead>
          <tr>
            {['指标', '本期', t('prevYear'), t('yoy'), t('prevPeriod'), t('pop')].map((h) => (
              <th key={h} scope="col" style={{ borderBottom: '1px solid #111', textAlign: 'left', padding: 4 }}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {doc.kpis.kpis.map((k) => (
            <tr key={k.key}>
              <td style={{ padding: 4 }}>{t(`kpi.${k.key}`)}</td>
              <td>
                {fmtValue(k, k.value)}
                {k.unit === 'percent' ? '%' : ''}
              </td>
              <td>{fmtValue(k, k.previousYear)}</td>
              <td>{k.yoy === null ? '—' : `${k.yoy}%`}</td>
              <td>{fmtValue(k, k.previousPeriod)}</td>
              <td>{k.pop === null ? '—' : `${k.pop}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2 style={{ fontSize: 20 }}>二、趋势与分类</h2>
      {trend && <Chart option={trend} label={t('trend')} height={240} />}
      {types && <Chart option={types} label={t('byFraudType')} height={260} />}
      <h2 style={{ fontSize: 20 }}>三、{t('ranking')}</h2>
      <Table
        size="small"
        pagination={false}
        rowKey="unitId"
        dataSource={doc.ranking.items}
        columns={[
          { title: t('rank'), dataIndex: 'rank' },
          { title: t('unit'), dataIndex: 'unitName' },
          { title: t('score'), dataIndex: 'score' },
        ]}
      />
      <h2 style={{ fontSize: 20 }}>四、{t('notable')}</h2>
      {doc.notable.length === 0 ? (
        <p>{t('noData')}</p>
      ) : (
        <ul>
          {doc.notable.map((n) => (
            <li key={n.id}>
              {n.unitName}：{n.subjectName ?? '某群众'}，{n.fraudTypes.map((c) => ft({ code: c, name: c })).join('、')}
              ，损失 {n.loss ?? 0} 元（{n.closedAt?.slice(0, 10)}）
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
