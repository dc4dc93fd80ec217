// The demo city's history: a year of daily roll-ups for every station, so 同比 and the trend mean something on the
// first start. Only roll-up rows (this module's own table) are written — the records behind them do not exist, so
// drill-down of the backfilled days lists nothing; the live demo's own days are rebuilt from real records. Figures
// fall over the year (the seeds report −30 % and more), 预警后被骗 stops ~200 days before today.
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { FRAUD_TYPES } from '../fraud-types/index.ts';
import { rowsOf } from '../warnings/index.ts';
import { Rng } from '../simulation/index.ts';
import { addDays } from './metrics.ts';
import * as repo from './repository.ts';

const pick = <T>(rng: Rng, weighted: [T, number][]): T => {
  const total = weighted.reduce((a, [, w]) => a + w, 0);
  let x = rng.next() * total;
  for (const [v, w] of weighted) {
    if ((x -= w) <= 0) return v;
  }
  return weighted[weighted.length - 1]![0];
};
const poisson = (rng: Rng, lambda: number) => {
  let k = 0,
    p = 1;
  const l = Math.exp(-lambda);
  do {
    k++;
    p *= rng.next();
  } while (p > l);
  return k - 1;
};

const TYPES: [string, number][] = FRAUD_TYPES.slice(0, 10).map((t, i) => [
  t.code,
  [30, 18, 10, 10, 8, 6, 6, 6, 4, 2][i]!,
]);
const AGES: [string, number][] = [
  ['u18', 4],
  ['18_29', 22],
  ['30_44', 30],
  ['45_59', 24],
  ['60p', 16],
  ['unknown', 4],
];
const SOURCES: [string, number][] = [
  ['engine', 60],
  ['upstream', 25],
  ['manual', 15],
];
const LEVELS: [string, number][] = [
  ['high', 20],
  ['medium', 45],
  ['low', 35],
];

/** Backfills days [today − days, today − 2] when the roll-ups hold nothing that old yet. Returns rows written. */
export async function backfillDemoHistory(
  db: Db,
  today: string,
  opts: { days?: number; seed?: number } = {},
): Promise<number> {
  const days = opts.days ?? 400;
  const from = addDays(today, -days),
    to = addDays(today, -2);
  const have = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from stats_daily where day <= ${addDays(today, -30)}::date`),
  )[0];
  if ((have?.n ?? 0) > 0) return 0;
  const stations = rowsOf<{ id: string }>(
    await db.execute(sql`select id from units where kind = 'station' order by id`),
  );
  if (!stations.length) return 0;
  const facts: repo.FactRow[] = [];
  const lastVictimDay = addDays(today, -203);
  stations.forEach((st, si) => {
    const rng = Rng.derive(opts.seed ?? 7, 'stats-demo', st.id);
    const quality = 0.85 + 0.12 * rng.next(); // some stations are better than others: the ranking has a spread
    for (let d = from, i = 0; d <= to; d = addDays(d, 1), i++) {
      const decline = 1 - 0.35 * (i / days); // the year's fall
      const add = (metric: string, dim: string, key: string, value: number) => {
        if (value > 0) facts.push({ unitId: st.id, day: d, metric, dim, key, value });
      };
      const opened = poisson(rng, 6 * decline);
      const tally = (w: [string, number][], n: number) => {
        const m = new Map<string, number>();
        for (let k = 0; k < n; k++) {
          const v = pick(rng, w);
          m.set(v, (m.get(v) ?? 0) + 1);
        }
        return m;
      };
      add('warnings_opened', 'all', '', opened);
      for (const [dim, w] of [
        ['level', LEVELS],
        ['source', SOURCES],
        ['fraud_type', TYPES],
        ['age_band', AGES],
      ] as const)
        for (const [k, v] of tally(w, opened)) add('warnings_opened', dim, k, v);
      const closed = opened;
      const defrauded = Math.round(closed * 0.04 * decline * rng.next() * 2 * (1.1 - quality));
      const dissuaded = Math.max(0, Math.round(closed * quality * 0.8) - defrauded);
      const high = tally(LEVELS, closed).get('high') ?? 0;
      add('warnings_closed', 'all', '', closed);
      add('warnings_closed', 'disposition', 'dissuaded', dissuaded);
      add('warnings_closed', 'disposition', 'defrauded', defrauded);
      add('warnings_closed', 'disposition', 'unreachable', closed - dissuaded - defrauded);
      add('closed_in_time', 'all', '', Math.round(closed * quality));
      add('high_closed', 'all', '', high);
      add('high_visited', 'all', '', Math.round(high * (quality + 0.05 > 1 ? 1 : quality + 0.05)));
      add('dissuaded', 'all', '', dissuaded);
      for (const [k, v] of tally(TYPES, dissuaded)) add('dissuaded', 'fraud_type', k, v);
      for (const [k, v] of tally(AGES, dissuaded)) add('dissuaded', 'age_band', k, v);
      add('loss_avoided', 'all', '', dissuaded * Math.round(8000 + 40000 * rng.next()));
      add('defrauded', 'all', '', defrauded);
      add('defrauded_loss', 'all', '', defrauded * Math.round(20000 + 150000 * rng.next()));
      for (const [ch, n] of [
        ['voice', closed * 2],
        ['sms', closed * 2],
        ['visit', high + 1],
      ] as const) {
        add('contacts', 'channel', ch, n);
        add('contacts_reached', 'channel', ch, Math.round(n * 0.7));
      }
      if (d <= lastVictimDay && ((d === lastVictimDay && si === 0) || rng.next() < 0.004))
        add('after_warning_victims', 'all', '', 1);
      const calls = poisson(rng, 3 * decline + 1);
      add('desk_calls', 'all', '', calls);
      for (const [k, v] of tally(
        [
          ['consult', 60],
          ['report', 30],
          ['victim', 10],
        ],
        calls,
      ))
        add('desk_calls', 'topic', k, v);
      const reports = poisson(rng, 1.5);
      add('public_reports', 'all', '', reports);
      for (const [k, v] of tally(
        [
          ['phone', 60],
          ['url', 20],
          ['account', 10],
          ['app', 10],
        ],
        reports,
      ))
        add('public_reports', 'kind', k, v);
    }
  });
  await db.transaction(async (tx) => repo.addFacts(tx as Db, facts));
  return facts.length;
}
