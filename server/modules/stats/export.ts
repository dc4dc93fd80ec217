// The stats exports as XLSX workbooks: the KPI table (labels in Chinese, 同比/环比 beside each figure) and the records
// behind a figure (≤ 10,000 rows). The reads are audited by the service functions they call.
import type { DrillQuery, KpiQuery } from '../../../contract/stats.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/index.ts';
import { writeXlsx } from '../../platform/xlsx.ts';
import { DRILL_COLUMNS, KPI_LABELS } from './labels.ts';
import * as svc from './service.ts';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const fmt = (v: number | null) => (v === null ? '' : v);

export async function kpisWorkbook(db: Db, actor: Actor, q: KpiQuery): Promise<{ body: Buffer; fileName: string }> {
  const k = await svc.exportKpis(db, actor, q);
  const body = await writeXlsx(
    '指标',
    [
      { header: '指标', key: 'label', width: 24 },
      { header: '本期', key: 'value', width: 14 },
      { header: '去年同期', key: 'previousYear', width: 14 },
      { header: '同比%', key: 'yoy', width: 10 },
      { header: '上期', key: 'previousPeriod', width: 14 },
      { header: '环比%', key: 'pop', width: 10 },
    ],
    k.kpis.map((x) => ({
      label: KPI_LABELS[x.key] ?? x.key,
      value: fmt(x.value),
      previousYear: fmt(x.previousYear),
      yoy: fmt(x.yoy),
      previousPeriod: fmt(x.previousPeriod),
      pop: fmt(x.pop),
    })),
  );
  return { body, fileName: `kpis-${q.from}-${q.to}.xlsx` };
}

export async function drillWorkbook(db: Db, actor: Actor, q: DrillQuery): Promise<{ body: Buffer; fileName: string }> {
  const { items } = await svc.drill(db, actor, q, 10_000);
  const body = await writeXlsx(
    '明细',
    DRILL_COLUMNS,
    items.map((r) => ({ ...r, fraudTypes: r.fraudTypes.join('、') })),
  );
  return { body, fileName: `drill-${q.kpi}-${q.from}-${q.to}.xlsx` };
}
