import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { units } from '../org/schema.ts';
import { inArray } from 'drizzle-orm';
import { addDays } from './metrics.ts';
import { startRollupRefresher } from './rollup.ts';
import * as repo from './repository.ts';
import { generateReport, reportPeriod } from './service.ts';

/**
 * Scheduled 周报/月报: once a week / month is over, its report is generated for every city and district and kept
 * for download (regenerating by hand replaces it). Reports already kept are not redone.
 */
export async function generateDueReports(db: Db, today: string, now: number): Promise<number> {
  const lastWeek = reportPeriod('weekly', addDays(today, -7));
  const lastMonth = reportPeriod('monthly', addDays(`${today.slice(0, 7)}-01`, -1));
  const targets = await db
    .select({ id: units.id })
    .from(units)
    .where(inArray(units.kind, ['city', 'district']));
  let n = 0;
  for (const u of targets) {
    for (const [kind, p] of [
      ['weekly', lastWeek],
      ['monthly', lastMonth],
    ] as const) {
      if (await repo.findReport(db, `${kind}-${u.id}-${p.from}`)) continue;
      await generateReport(db, SYSTEM_ACTOR, { unitId: u.id, kind, periodFrom: p.from }, now);
      n++;
    }
  }
  return n;
}

/** The roll-up refresher plus the report schedule, as main.ts starts it. */
export function startStatsRefresher(
  db: Db,
  opts: { clock: () => number; log: Logger; intervalMs?: number; backfillDays?: number },
) {
  return startRollupRefresher(db, {
    ...opts,
    after: async (today) => {
      await generateDueReports(db, today, opts.clock());
    },
  });
}
