import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { Kpi } from '../../../../contract/stats.ts';
import { DRILLABLE } from '../../../../contract/stats.ts';
import { useStatsT } from './i18n.ts';

export const fmtValue = (k: Pick<Kpi, 'unit'>, v: number | null) =>
  v === null
    ? '—'
    : k.unit === 'yuan' && Math.abs(v) >= 10_000
      ? `${(v / 10_000).toFixed(1)}万`
      : v.toLocaleString('zh-CN');

/** Change with an arrow and a word: colour is never the only signal (WCAG 1.4.1); dark green/red pass 4.5:1. */
function Change({ label, value, dark }: { label: string; value: number | null; dark?: boolean }) {
  if (value === null) return <span>{label} —</span>;
  const up = value > 0;
  const color = dark ? (up ? '#fca5a5' : '#86efac') : up ? '#b91c1c' : '#15803d';
  return (
    <span style={{ color }}>
      {label} {up ? '▲' : value < 0 ? '▼' : ''}
      {Math.abs(value)}%
    </span>
  );
}

export function KpiCards({
  kpis,
  onDrill,
  dark,
  big,
}: {
  kpis: Kpi[];
  onDrill?: (key: string) => void;
  dark?: boolean;
  big?: boolean;
}) {
  const t = useStatsT();
  return (
    <Row gutter={[12, 12]}>
      {kpis.map((k) => {
        const drillable = !!onDrill && (DRILLABLE as readonly string[]).includes(k.key);
        const body = (
          <>
            <Statistic
              title={
                <span style={dark ? { color: '#e2e8f0', fontSize: big ? 20 : undefined } : { color: '#374151' }}>
                  {t(`kpi.${k.key}`)}
                </span>
              }
              value={fmtValue(k, k.value)}
              suffix={
                k.unit === 'count' || (k.unit === 'yuan' && Math.abs(k.value ?? 0) >= 10_000)
                  ? undefined
                  : t(`unit.${k.unit}`)
              }
              styles={{ content: { color: dark ? '#fff' : undefined, fontSize: big ? 44 : 26 } }}
            />
            <Typography.Text style={{ fontSize: big ? 18 : 13, color: dark ? '#e2e8f0' : '#374151' }}>
              {k.snapshot ? (
                t('snapshot')
              ) : (
                <>
                  <Change label={t('yoy')} value={k.yoy} dark={dark} />
                  {'  '}
                  <Change label={t('pop')} value={k.pop} dark={dark} />
                </>
              )}
            </Typography.Text>
          </>
        );
        return (
          <Col key={k.key} xs={12} sm={8} md={6} xl={big ? 6 : 4}>
            <Card
              size="small"
              data-kpi={k.key}
              style={dark ? { background: '#0f172a', borderColor: '#334155' } : undefined}
            >
              {drillable ? (
                <button type="button" onClick={() => onDrill!(k.key)} className="zw-kpi-btn">
                  {body}
                </button>
              ) : (
                body
              )}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
