import type { Db } from '../../platform/db/index.ts';
import type { FastifyBaseLogger as Logger } from 'fastify';
import { warningOpenedFacts } from '../warnings/index.ts';
import { dissuasionFacts } from '../dissuasion/index.ts';
import { publicFacts } from '../public/index.ts';
import { preventionFacts } from '../prevention/index.ts';
import { returnsFacts, RETURNS_METRICS } from '../returns/index.ts';
import { addDays } from './metrics.ts';
import * as repo from './repository.ts';

/** A module's figures for a day range, read through its index.ts: the roll-ups of `metrics` are rebuilt from it. */
export interface FactSource {
  name: string;
  metrics: readonly string[];
  facts(db: Db, from: string, to: string): Promise<repo.FactRow[]>;
}

const SOURCES: FactSource[] = [
  { name: 'warnings', metrics: ['warnings_opened'], facts: warningOpenedFacts },
  {
    name: 'dissuasion',
    metrics: [
      'warnings_closed',
      'closed_in_time',
      'high_closed',
      'high_visited',
      'dissuaded',
      'loss_avoided',
      'defrauded',
      'defrauded_loss',
      'contacts',
      'contacts_reached',
      'after_warning_victims',
    ],
    facts: dissuasionFacts,
  },
  { name: 'public', metrics: ['public_reports', 'desk_calls'], facts: publicFacts },
  { name: 'prevention', metrics: ['prevention_reached'], facts: preventionFacts },
  { name: 'returns', metrics: RETURNS_METRICS, facts: returnsFacts },
];

/** Cases and orders add theirs when they land (their index.ts fact functions), keeping the dashboard's list honest. */
export function registerFactSource(s: FactSource): void {
  const i = SOURCES.findIndex((x) => x.name === s.name);
  if (i >= 0) SOURCES[i] = s;
  else SOURCES.push(s);
}
const EVENT_METRICS = new Set<string>();
/** Metrics kept by event subscribers (subscribers.ts): shown, and never wiped by a rebuild (no source owns them). */
export const registerEventMetrics = (metrics: readonly string[]) => {
  for (const m of metrics) EVENT_METRICS.add(m);
};
export const keptMetrics = (): Set<string> => new Set([...SOURCES.flatMap((s) => s.metrics), ...EVENT_METRICS]);

const MAX_CHUNK_DAYS = 31;

/**
 * Recomputes the roll-ups of days from..to from the source modules, a month at a time, each month in one
 * transaction (readers see the old or the new figures of a month, never a half). Idempotent.
 */
export async function rebuild(
  db: Db,
  from: string,
  to: string,
  sources: readonly FactSource[] = SOURCES,
): Promise<number> {
  let rows = 0;
  for (let lo = from; lo <= to; lo = addDays(lo, MAX_CHUNK_DAYS)) {
    const hi = addDays(lo, MAX_CHUNK_DAYS - 1) < to ? addDays(lo, MAX_CHUNK_DAYS - 1) : to;
    await db.transaction(async (tx) => {
      for (const s of sources) {
        const facts = await s.facts(tx as Db, lo, hi);
        rows += facts.length;
        await repo.replaceRange(tx as Db, lo, hi, [...s.metrics], facts);
      }
    });
  }
  return rows;
}

/** Today in Asia/Shanghai (the day the centres count in). */
export const shanghaiDay = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Keeps the roll-ups current: every `intervalMs` rebuilds yesterday and today (closing a warning, a visit, a flag
 * change those days' figures), and once at start the last `backfillDays` when the table has nothing for today.
 */
export function startRollupRefresher(
  db: Db,
  opts: {
    clock: () => number;
    log: Logger;
    intervalMs?: number;
    backfillDays?: number;
    after?: (today: string) => Promise<void>;
  },
) {
  let running = false;
  let stopped = false;
  const tick = async (days: number) => {
    if (running || stopped) return;
    running = true;
    try {
      const today = shanghaiDay(opts.clock());
      await rebuild(db, addDays(today, -days), today);
      await opts.after?.(today);
    } catch (err) {
      opts.log.error({ err }, 'stats roll-up refresh failed');
    } finally {
      running = false;
    }
  };
  const first = tick(opts.backfillDays ?? 1);
  const timer = setInterval(() => void tick(1), opts.intervalMs ?? 60_000);
  timer.unref();
  return {
    ready: first,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await first;
    },
  };
}
