// Pure figures: which KPIs exist, how each is computed from roll-up sums, the comparison periods, and the
// weighted ranking (考评). No I/O here; service.ts feeds it sums read from stats_daily.

/** A sum of one roll-up metric, optionally restricted to one dimension value. */
export interface SumRef {
  metric: string;
  dim?: string;
  key?: string;
}
export type KpiDef =
  | { key: string; kind: 'sum'; of: SumRef; unit: 'count' | 'yuan' }
  | { key: string; kind: 'ratio'; num: SumRef; den: SumRef; unit: 'percent' }
  | { key: string; kind: 'days_since'; of: SumRef; unit: 'days' }
  | { key: string; kind: 'per10k'; of: SumRef; unit: 'per10k' };

const s = (metric: string, dim?: string, key?: string): SumRef => (dim ? { metric, dim, key: key ?? '' } : { metric });

/**
 * Every headline KPI (issue 14), in display order. A KPI is shown when the roll-ups of all its metrics are kept.
 * A module's figure is added by appending here (its roll-up comes from a FactSource or an event subscriber);
 * point-in-time figures (两卡) are registered in live.ts.
 */
export const KPI_DEFS: KpiDef[] = [
  { key: 'cases', kind: 'sum', of: s('cases_recorded'), unit: 'count' },
  { key: 'case_loss', kind: 'sum', of: s('case_loss'), unit: 'yuan' },
  { key: 'warnings_opened', kind: 'sum', of: s('warnings_opened'), unit: 'count' },
  { key: 'warnings_high', kind: 'sum', of: s('warnings_opened', 'level', 'high'), unit: 'count' },
  { key: 'warnings_closed', kind: 'sum', of: s('warnings_closed'), unit: 'count' },
  { key: 'closed_in_time_rate', kind: 'ratio', num: s('closed_in_time'), den: s('warnings_closed'), unit: 'percent' },
  { key: 'face_to_face_rate', kind: 'ratio', num: s('high_visited'), den: s('high_closed'), unit: 'percent' },
  { key: 'dissuaded', kind: 'sum', of: s('dissuaded'), unit: 'count' },
  { key: 'loss_avoided', kind: 'sum', of: s('loss_avoided'), unit: 'yuan' },
  { key: 'dissuasion_rate', kind: 'ratio', num: s('dissuaded'), den: s('warnings_closed'), unit: 'percent' },
  { key: 'defrauded', kind: 'sum', of: s('defrauded'), unit: 'count' },
  { key: 'defrauded_loss', kind: 'sum', of: s('defrauded_loss'), unit: 'yuan' },
  { key: 'after_warning_victims', kind: 'sum', of: s('after_warning_victims'), unit: 'count' },
  { key: 'days_since_after_warning_victim', kind: 'days_since', of: s('after_warning_victims'), unit: 'days' },
  { key: 'stopped_amount', kind: 'sum', of: s('order_amount', 'kind', 'stop_payment'), unit: 'yuan' },
  { key: 'frozen_amount', kind: 'sum', of: s('order_amount', 'kind', 'freeze'), unit: 'yuan' },
  { key: 'returned_amount', kind: 'sum', of: s('order_amount', 'kind', 'refund'), unit: 'yuan' },
  { key: 'prevention_reached', kind: 'sum', of: s('prevention_reached'), unit: 'count' },
  { key: 'prevention_coverage', kind: 'per10k', of: s('prevention_reached'), unit: 'per10k' },
  { key: 'public_reports', kind: 'sum', of: s('public_reports'), unit: 'count' },
  { key: 'desk_calls', kind: 'sum', of: s('desk_calls'), unit: 'count' },
  // 劝返 (returns module): returned / listed (not 核减) in the period, on the 户籍地 unit
  { key: 'return_rate', kind: 'ratio', num: s('returns_returned'), den: s('returns_listed'), unit: 'percent' },
];

export const metricsOf = (d: KpiDef): string[] => (d.kind === 'ratio' ? [d.num.metric, d.den.metric] : [d.of.metric]);

export const refId = (r: SumRef): string => (r.dim ? `${r.metric}|${r.dim}|${r.key ?? ''}` : `${r.metric}|all|`);
export const refsOf = (d: KpiDef): SumRef[] => (d.kind === 'ratio' ? [d.num, d.den] : [d.of]);

/** Value of a KPI from sums keyed by refId; days_since takes the last day with a non-zero value and the period end. */
export function kpiValue(
  d: KpiDef,
  sums: ReadonlyMap<string, number>,
  ctx: { lastDay: string | null; periodEnd: string; firstDay: string | null; population?: number },
): number | null {
  switch (d.kind) {
    case 'sum':
      return round(sums.get(refId(d.of)) ?? 0);
    case 'per10k':
      return ctx.population ? round(((sums.get(refId(d.of)) ?? 0) * 10_000) / ctx.population, 1) : null;
    case 'ratio': {
      const den = sums.get(refId(d.den)) ?? 0;
      return den > 0 ? round((100 * (sums.get(refId(d.num)) ?? 0)) / den, 1) : null;
    }
    case 'days_since': {
      const since = ctx.lastDay ?? ctx.firstDay;
      return since ? Math.max(0, daysBetween(since, ctx.periodEnd)) : null;
    }
  }
}

const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

// ── periods ──────────────────────────────────────────────────────────────────────────────────────────────────
const DAY = 86_400_000;
const toMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const daysBetween = (a: string, b: string) => Math.round((toMs(b) - toMs(a)) / DAY);
export const addDays = (d: string, n: number) => toDay(toMs(d) + n * DAY);

/** Same calendar dates one year earlier (29 Feb → 28 Feb). */
export function minusYear(d: string): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return `${String(y - 1).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

export interface Period {
  from: string;
  to: string;
}
/** 同比: the same dates a year earlier; 环比: the period of equal length just before. */
export function comparePeriods(p: Period): { yoy: Period; pop: Period } {
  const len = daysBetween(p.from, p.to) + 1;
  return {
    yoy: { from: minusYear(p.from), to: minusYear(p.to) },
    pop: { from: addDays(p.from, -len), to: addDays(p.from, -1) },
  };
}

/** Relative change in percent; null when there is nothing to compare with. */
export const change = (value: number | null, previous: number | null): number | null =>
  value === null || previous === null || previous === 0
    ? null
    : round((100 * (value - previous)) / Math.abs(previous), 1);

// ── ranking (考评) ────────────────────────────────────────────────────────────────────────────────────────────
/** Ranking criteria: a KPI key and whether more is better. */
export const RANKING_CRITERIA: Record<string, { kpi: string; higherIsBetter: boolean }> = {
  closed_in_time_rate: { kpi: 'closed_in_time_rate', higherIsBetter: true },
  face_to_face_rate: { kpi: 'face_to_face_rate', higherIsBetter: true },
  dissuasion_rate: { kpi: 'dissuasion_rate', higherIsBetter: true },
  after_warning_victims: { kpi: 'after_warning_victims', higherIsBetter: false },
  defrauded: { kpi: 'defrauded', higherIsBetter: false },
  loss_avoided: { kpi: 'loss_avoided', higherIsBetter: true },
};
export const DEFAULT_WEIGHTS: Record<string, number> = {
  closed_in_time_rate: 30,
  face_to_face_rate: 25,
  dissuasion_rate: 20,
  after_warning_victims: 15,
  defrauded: 10,
};

export function validateWeights(w: Record<string, number>): string[] {
  const errors: string[] = [];
  for (const [k, v] of Object.entries(w)) {
    if (!(k in RANKING_CRITERIA)) errors.push(`weights.${k}: unknown criterion`);
    else if (!Number.isFinite(v) || v < 0 || v > 100) errors.push(`weights.${k}: must be between 0 and 100`);
  }
  if (!errors.length && Object.values(w).reduce((a, b) => a + b, 0) <= 0)
    errors.push('weights: at least one weight must be positive');
  return errors;
}

export interface RankInput {
  unitId: string;
  values: Record<string, number | null>;
}
export interface RankRow {
  unitId: string;
  score: number;
  rank: number;
  parts: Record<string, number>;
}

/**
 * Weighted score 0–100: each criterion is scaled min–max across the units compared (the best unit 1, the worst 0;
 * all equal → 1; a missing value → 0), times its weight, over the sum of weights. Ties share a rank.
 */
export function rankUnits(units: readonly RankInput[], weights: Record<string, number>): RankRow[] {
  const total = Object.values(weights).reduce((a, b) => a + b, 0) || 1;
  const scaled = new Map<string, Record<string, number>>(units.map((u) => [u.unitId, {}]));
  for (const [crit, w] of Object.entries(weights)) {
    const c = RANKING_CRITERIA[crit];
    if (!c || w <= 0) continue;
    const vals = units.map((u) => u.values[c.kpi]).filter((v): v is number => v !== null && v !== undefined);
    const min = Math.min(...vals),
      max = Math.max(...vals);
    for (const u of units) {
      const v = u.values[c.kpi];
      let x = 0;
      if (v !== null && v !== undefined)
        x = max === min ? 1 : c.higherIsBetter ? (v - min) / (max - min) : (max - v) / (max - min);
      scaled.get(u.unitId)![crit] = round((x * (100 * w)) / total, 2);
    }
  }
  const rows = units
    .map((u) => {
      const parts = scaled.get(u.unitId)!;
      return {
        unitId: u.unitId,
        parts,
        score: round(
          Object.values(parts).reduce((a, b) => a + b, 0),
          1,
        ),
        rank: 0,
      };
    })
    .sort((a, b) => b.score - a.score || a.unitId.localeCompare(b.unitId));
  rows.forEach((r, i) => {
    r.rank = i > 0 && rows[i - 1]!.score === r.score ? rows[i - 1]!.rank : i + 1;
  });
  return rows;
}
