// Stats use cases: every read checks stats:read, resolves the unit inside the caller's scope (outside → 404), and
// reads only roll-ups, except drill-down, which lists the records behind a figure (masked unless the role may and
// a purpose is given) and writes an audit row with the filter.
import { and, eq, inArray, like } from 'drizzle-orm';
import { fraudTypeRef } from '../fraud-types/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { assertCan, assertMayUnmask, type Actor } from '../../platform/auth/actor.ts';
import { invalid, invalidMany, notFound } from '../../platform/errors.ts';
import type {
  Breakdown,
  DrillQuery,
  DrillRow,
  KpiResponse,
  Ranking,
  ReportDoc,
  Trend,
} from '../../../contract/stats.ts';
import { units } from '../org/schema.ts';
import { ensureRoot, visibleUnit } from '../org/index.ts';
import { audit } from '../audit/index.ts';
import { maskName, maskPhone } from '../identifiers/index.ts';
import { warningsBehind, type BehindFilter } from '../warnings/index.ts';
import { escalatedWarningIds, visitedWarningIds } from '../dissuasion/index.ts';
import {
  addDays,
  change,
  comparePeriods,
  daysBetween,
  DEFAULT_WEIGHTS,
  KPI_DEFS,
  kpiValue,
  metricsOf,
  RANKING_CRITERIA,
  rankUnits,
  refId,
  refsOf,
  validateWeights,
  type KpiDef,
  type Period,
} from './metrics.ts';
import { keptMetrics } from './rollup.ts';
import { LIVE_KPIS } from './live.ts';
import { residentPopulation } from '../residents/index.ts';
import * as repo from './repository.ts';

const MAX_SPAN_DAYS = 3 * 366;

interface Scope {
  unit: { id: string; name: string; path: string };
  period: Period;
}

async function scopeOf(db: Db, actor: Actor, q: { unitId?: string; from: string; to: string }): Promise<Scope> {
  assertCan(actor, 'stats:read');
  if (q.from > q.to) throw invalid('to', 'must not be before from');
  if (daysBetween(q.from, q.to) >= MAX_SPAN_DAYS) throw invalid('to', `a period is at most ${MAX_SPAN_DAYS} days`);
  const id = q.unitId ?? actor.unitId ?? (await ensureRoot(db)).id;
  const u = await visibleUnit(db, actor, id);
  return { unit: { id: u.id, name: u.name, path: u.path }, period: { from: q.from, to: q.to } };
}

const availableKpis = (): KpiDef[] => {
  const kept = keptMetrics();
  return KPI_DEFS.filter((d) => metricsOf(d).every((m) => kept.has(m)));
};

/** The distinct (metric, dim, key) roll-up rows the KPIs read ('all' for a plain total). */
const refsFor = (defs: KpiDef[]) => {
  const m = new Map<string, { metric: string; dim: string; key: string }>();
  for (const r of defs.flatMap(refsOf))
    m.set(refId(r), { metric: r.metric, dim: r.dim ?? 'all', key: r.dim ? (r.key ?? '') : '' });
  return [...m.values()];
};

const toMap = (sums: repo.Sum[]) => {
  const m = new Map<string, number>();
  for (const s of sums) {
    const k = `${s.metric}|${s.dim}|${s.key}`;
    m.set(k, (m.get(k) ?? 0) + s.value);
  }
  return m;
};

async function computeKpis(db: Db, unitPath: string, period: Period, defs: KpiDef[]) {
  const cmp = comparePeriods(period);
  const periods = [period, cmp.yoy, cmp.pop];
  const sums = (await repo.sumPeriods(db, unitPath, periods, refsFor(defs))).map(toMap);
  // per 10,000 residents: the registry as it stands (one figure for the three periods)
  const population = defs.some((d) => d.kind === 'per10k')
    ? (await residentPopulation(db, unitPath)).reduce((a, r) => a + Number(r.n), 0)
    : 0;
  const daysSince = defs.find((d) => d.kind === 'days_since');
  const last =
    daysSince && daysSince.kind === 'days_since'
      ? await Promise.all(periods.map((p) => repo.lastAndFirstDay(db, unitPath, daysSince.of.metric, p.to)))
      : [];
  return {
    cmp,
    kpis: defs.map((d) => {
      const v = periods.map((p, i) =>
        kpiValue(d, sums[i]!, {
          lastDay: last[i]?.last ?? null,
          firstDay: last[i]?.first ?? null,
          periodEnd: p.to,
          population,
        }),
      );
      return {
        key: d.key,
        value: v[0]!,
        previousYear: v[1]!,
        previousPeriod: v[2]!,
        yoy: change(v[0]!, v[1]!),
        pop: change(v[0]!, v[2]!),
        unit: d.unit,
      };
    }),
  };
}

export async function getKpis(
  db: Db,
  actor: Actor,
  q: { unitId?: string; from: string; to: string },
): Promise<KpiResponse> {
  const s = await scopeOf(db, actor, q);
  const { cmp, kpis } = await computeKpis(db, s.unit.path, s.period, availableKpis());
  const live = await Promise.all(LIVE_KPIS.map((src) => src.values(db, actor, s.unit)));
  const snapshots = LIVE_KPIS.flatMap((src, i) =>
    live[i]
      ? src.keys.map((key) => ({
          key,
          value: live[i]![key] ?? null,
          previousYear: null,
          previousPeriod: null,
          yoy: null,
          pop: null,
          unit: 'count' as const,
          snapshot: true,
        }))
      : [],
  );
  return { period: s.period, compare: cmp, unit: { id: s.unit.id, name: s.unit.name }, kpis: [...kpis, ...snapshots] };
}

export async function getBreakdown(
  db: Db,
  actor: Actor,
  q: { unitId?: string; from: string; to: string; metric: string; dim: string },
): Promise<Breakdown> {
  const s = await scopeOf(db, actor, q);
  if (!keptMetrics().has(q.metric)) throw invalid('metric', `unknown metric; one of ${[...keptMetrics()].join(', ')}`);
  return {
    metric: q.metric,
    dim: q.dim,
    items: (await repo.breakdown(db, s.unit.path, s.period.from, s.period.to, q.metric, q.dim)).map((i) =>
      q.dim === 'fraud_type' ? { ...i, label: fraudTypeRef(i.key).name } : i,
    ),
  };
}

export async function getTrend(
  db: Db,
  actor: Actor,
  q: { unitId?: string; from: string; to: string; metrics: string; bucket?: 'day' | 'week' | 'month' },
): Promise<Trend> {
  const s = await scopeOf(db, actor, q);
  const metrics = [
    ...new Set(
      q.metrics
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean),
    ),
  ];
  const kept = keptMetrics();
  const bad = metrics.filter((m) => !kept.has(m));
  if (!metrics.length || bad.length)
    throw invalid('metrics', `unknown metric(s) ${bad.join(', ')}; one of ${[...kept].join(', ')}`);
  const bucket = q.bucket ?? (daysBetween(s.period.from, s.period.to) > 92 ? 'month' : 'day');
  const rows = await repo.trend(db, s.unit.path, s.period.from, s.period.to, metrics, bucket);
  return {
    bucket,
    series: metrics.map((m) => ({
      metric: m,
      points: rows.filter((r) => r.metric === m).map((r) => ({ bucket: r.bucket, value: r.value })),
    })),
  };
}

export async function getWeights(db: Db): Promise<Record<string, number>> {
  return (await repo.latestWeights(db)) ?? { ...DEFAULT_WEIGHTS };
}

export async function putWeights(
  db: Db,
  actor: Actor,
  weights: Record<string, number>,
): Promise<Record<string, number>> {
  assertCan(actor, 'stats:write');
  const errors = validateWeights(weights);
  if (errors.length) throw invalidMany(errors.map((e) => ({ field: e.split(':')[0]!, reason: e })));
  await db.transaction(async (tx) => {
    await repo.insertWeights(tx, weights, actor.name);
    await audit(tx, actor, { action: 'update', entityType: 'stats_ranking', details: { weights } });
  });
  return weights;
}

const POLICE_KINDS = ['province', 'city', 'district', 'station'];

/** 考评: the child jurisdictions of the unit, by the weighted score of the period. */
export async function getRanking(
  db: Db,
  actor: Actor,
  q: { unitId?: string; from: string; to: string },
): Promise<Ranking> {
  const s = await scopeOf(db, actor, q);
  const weights = await getWeights(db);
  const children = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(like(units.path, `${s.unit.path}%`), inArray(units.kind, POLICE_KINDS), eq(units.parentId, s.unit.id)));
  const defs = KPI_DEFS.filter(
    (d) =>
      Object.values(RANKING_CRITERIA).some((c) => c.kpi === d.key) && metricsOf(d).every((m) => keptMetrics().has(m)),
  );
  const rows = await repo.sumsByChild(db, s.unit.path, s.period.from, s.period.to, refsFor(defs));
  const byChild = new Map<string, repo.Sum[]>(children.map((c) => [c.id, []]));
  for (const r of rows) byChild.get(r.childId)?.push(r);
  const inputs = children.map((c) => {
    const m = toMap(byChild.get(c.id)!);
    return {
      unitId: c.id,
      values: Object.fromEntries(
        defs.map((d) => [d.key, kpiValue(d, m, { lastDay: null, firstDay: null, periodEnd: s.period.to })]),
      ),
    };
  });
  const names = new Map(children.map((c) => [c.id, c.name]));
  const ranked = rankUnits(inputs, weights);
  const values = new Map(inputs.map((i) => [i.unitId, i.values]));
  return {
    weights,
    items: ranked.map((r) => ({ ...r, unitName: names.get(r.unitId) ?? r.unitId, values: values.get(r.unitId) ?? {} })),
  };
}

/**
 * The records behind a KPI: warnings' filter, plus what only the dissuasion workflow knows (a successful visit; an
 * escalation), which `warningsBehind` receives as the workflow's warning ids.
 */
export type DrillFilter = BehindFilter & {
  /** high warnings closed after a successful visit (见面劝阻) */
  visited?: boolean;
  /** closed with no deadline missed (escalation level 0) */
  inTime?: boolean;
};

/** The filter that lists the records behind a KPI (and a breakdown slice of it). */
export function drillFilter(q: Pick<DrillQuery, 'kpi' | 'dim' | 'key'>, unitPath: string, period: Period): DrillFilter {
  const f: DrillFilter = { unitPath, from: period.from, to: period.to, basis: 'closed' };
  switch (q.kpi) {
    case 'warnings_opened':
      f.basis = 'opened';
      break;
    case 'warnings_high':
      f.basis = 'opened';
      f.level = 'high';
      break;
    case 'warnings_closed':
      break;
    case 'closed_in_time_rate':
      f.inTime = true;
      break;
    case 'face_to_face_rate':
      f.level = 'high';
      f.visited = true;
      break;
    case 'dissuaded':
    case 'loss_avoided':
    case 'dissuasion_rate':
      f.disposition = 'dissuaded';
      break;
    case 'defrauded':
    case 'defrauded_loss':
      f.disposition = 'defrauded';
      break;
  }
  if (q.dim && q.key !== undefined) {
    const map = {
      level: 'level',
      source: 'source',
      fraud_type: 'fraudType',
      age_band: 'ageBand',
      disposition: 'disposition',
    } as const;
    (f as unknown as Record<string, string>)[map[q.dim]] = q.key;
  }
  return f;
}

/** The warnings behind a drill filter, the workflow's part asked of dissuasion. */
async function behind(db: Db, f: DrillFilter, page: { limit: number; offset: number }) {
  const { visited, inTime, ...filter } = f;
  if (visited) filter.onlyIds = await visitedWarningIds(db);
  if (inTime) filter.exceptIds = await escalatedWarningIds(db);
  return warningsBehind(db, filter, page);
}

function presentRow(r: Awaited<ReturnType<typeof warningsBehind>>['rows'][number], unmasked: boolean): DrillRow {
  return {
    id: r.id,
    openedAt: r.openedAt.toISOString(),
    closedAt: r.closedAt?.toISOString() ?? null,
    level: r.level,
    source: r.source,
    status: r.status,
    unitName: r.unitName,
    fraudTypes: r.fraudTypes,
    disposition: r.disposition,
    loss: r.loss,
    lossAvoided: r.lossAvoided,
    subjectName: r.subjectName ? (unmasked ? r.subjectName : maskName(r.subjectName)) : null,
    subjectPhone: r.subjectPhone ? (unmasked ? r.subjectPhone : maskPhone(r.subjectPhone)) : null,
  };
}

export async function drill(
  db: Db,
  actor: Actor,
  q: DrillQuery,
  limitOverride?: number,
): Promise<{ items: DrillRow[]; total: number; totalCapped: boolean }> {
  const s = await scopeOf(db, actor, q);
  assertCan(actor, 'warnings:read');
  if (q.unmask) assertMayUnmask(actor);
  const pageSize = limitOverride ?? q.pageSize ?? 50;
  const f = drillFilter(q, s.unit.path, s.period);
  return db.transaction(async (tx) => {
    const { rows, total, totalCapped } = await behind(tx, f, {
      limit: pageSize,
      offset: limitOverride ? 0 : ((q.page ?? 1) - 1) * pageSize,
    });
    await audit(tx, actor, {
      action: q.unmask ? 'view_unmasked' : limitOverride ? 'export' : 'view',
      entityType: 'stats_drill',
      entityId: s.unit.id,
      details: {
        kpi: q.kpi,
        dim: q.dim ?? null,
        key: q.key ?? null,
        from: s.period.from,
        to: s.period.to,
        count: rows.length,
        ids: rows.slice(0, 100).map((r) => r.id),
      },
    });
    return { items: rows.map((r) => presentRow(r, !!q.unmask)), total, totalCapped };
  });
}

/** The KPI table as rows for Excel; the export is audited with who, unit, period. */
export async function exportKpis(db: Db, actor: Actor, q: { unitId?: string; from: string; to: string }) {
  const k = await getKpis(db, actor, q);
  await audit(db, actor, {
    action: 'export',
    entityType: 'stats_kpis',
    entityId: k.unit.id,
    details: { unit: k.unit.name, from: q.from, to: q.to },
  });
  return k;
}

// ── weekly / monthly reports ────────────────────────────────────────────────────────────────────────────────
export function reportPeriod(kind: 'weekly' | 'monthly', periodFrom: string): Period {
  if (kind === 'weekly') {
    const dow = (new Date(`${periodFrom}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
    const from = addDays(periodFrom, -dow);
    return { from, to: addDays(from, 6) };
  }
  const from = `${periodFrom.slice(0, 7)}-01`;
  const [y, m] = from.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from, to: `${from.slice(0, 7)}-${String(last).padStart(2, '0')}` };
}

/** Builds the report's figures and keeps them (the printable page renders this; the browser prints it to PDF). */
export async function generateReport(
  db: Db,
  actor: Actor,
  input: { unitId?: string; kind: 'weekly' | 'monthly'; periodFrom: string },
  now: number,
): Promise<ReportDoc> {
  const period = reportPeriod(input.kind, input.periodFrom);
  const q = { unitId: input.unitId, ...period };
  const kpis = await getKpis(db, actor, q);
  const [trend, fraudTypes, ranking] = await Promise.all([
    getTrend(db, actor, { ...q, metrics: 'warnings_opened,dissuaded,defrauded', bucket: 'day' }),
    getBreakdown(db, actor, { ...q, metric: 'warnings_opened', dim: 'fraud_type' }),
    getRanking(db, actor, q),
  ]);
  // notable cases, de-identified: the largest losses of the period, names and numbers masked whoever reads it
  const notableRows = await behind(
    db,
    drillFilter({ kpi: 'defrauded' }, (await visibleUnit(db, actor, kpis.unit.id)).path, period),
    { limit: 200, offset: 0 },
  );
  const notable = notableRows.rows
    .sort((a, b) => (b.loss ?? 0) - (a.loss ?? 0))
    .slice(0, 5)
    .map((r) => ({ ...presentRow(r, false), subjectPhone: null }));
  const doc: ReportDoc = {
    id: `${input.kind}-${kpis.unit.id}-${period.from}`,
    kind: input.kind,
    unit: kpis.unit,
    period,
    kpis,
    trend,
    fraudTypes,
    ranking,
    notable,
    createdAt: new Date(now).toISOString(),
  };
  await db.transaction(async (tx) => {
    await repo.replaceReport(tx, {
      id: doc.id,
      unitId: kpis.unit.id,
      kind: input.kind,
      periodFrom: period.from,
      periodTo: period.to,
      data: doc,
      createdBy: actor.name,
      createdAt: new Date(now),
    });
    await audit(tx, actor, {
      action: 'create',
      entityType: 'stats_report',
      entityId: doc.id,
      details: { kind: input.kind, ...period },
    });
  });
  return doc;
}

export async function listReports(db: Db, actor: Actor) {
  assertCan(actor, 'stats:read');
  const rows = await repo.listReports(db, actor.unitPath);
  return {
    items: rows.map((r) => ({
      id: r.id,
      unitId: r.unitId,
      unitName: r.unitName,
      kind: r.kind,
      periodFrom: r.periodFrom,
      periodTo: r.periodTo,
      createdBy: r.createdBy,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

export async function getReport(db: Db, actor: Actor, id: string): Promise<ReportDoc> {
  assertCan(actor, 'stats:read');
  const r = await repo.findReport(db, id);
  if (!r) throw notFound('report');
  await visibleUnit(db, actor, r.unitId); // outside the caller's scope → 404
  await audit(db, actor, { action: 'view', entityType: 'stats_report', entityId: id });
  return r.data as ReportDoc;
}
