import type { Db } from '../../platform/db/index.ts';
import * as repo from './repository.ts';
import { countsUnder } from './service.ts';
import { systemClock } from '../../platform/clock.ts';

/** Roll-up metrics this module feeds to stats (per 户籍地 unit and Shanghai day). */
export const RETURNS_METRICS = ['returns_listed', 'returns_returned'] as const;

/**
 * Daily facts for stats: people listed (not 核减) by the day listed and people returned by the day they came back,
 * on the household unit (户籍地) so that a person is counted once up the tree.
 */
export async function returnsFacts(db: Db, from: string, to: string) {
  return (await repo.dailyFacts(db, from, to)).map((r) => ({
    unitId: r.unit_id,
    day: r.day,
    metric: r.metric,
    dim: 'all',
    key: '',
    value: Number(r.value),
  }));
}

/**
 * The 劝返 figures of a unit path: everyone listed by the end of the period (`total`), returned, 核减, open, and
 * the return rate returned / (total − 核减); `returnedInPeriod` counts returns closed within [from, to).
 * Both units (户籍地, 流入地) see a person, so a path counts everyone either unit answers for.
 */
export async function returnsSummary(
  db: Db,
  unitPath: string,
  period: { from: Date; to: Date },
  now = new Date(systemClock()),
) {
  return countsUnder(db, unitPath, now, period);
}
