import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import {
  closedWarnings,
  dayBounds,
  rowsOf,
  textArray,
  unitsOfWarnings,
  warningClosedFacts,
  type DailyFact,
} from '../warnings/index.ts';

/** Counts per (unit, day, metric, dim, key), emitted as facts; a key never counted emits nothing (as SQL's group by). */
class Tally {
  private readonly n = new Map<string, DailyFact>();
  add(unitId: string, day: string, metric: string, dim: string, key: string, by = 1): void {
    if (by === 0) return;
    const k = [unitId, day, metric, dim, key].join('\u0000');
    const f = this.n.get(k);
    if (f) f.value += by;
    else this.n.set(k, { unitId, day, metric, dim, key, value: by });
  }
  facts(): DailyFact[] {
    return [...this.n.values()];
  }
}

/**
 * The closed loop's figures per unit and day of closing (Asia/Shanghai): the closed warnings' own (by disposition,
 * dissuaded people and loss avoided, 已被骗 and its loss: warnings' `warningClosedFacts`), and from this module's
 * rows: closed within the time limit (no deadline escalated it), high warnings closed with a successful visit
 * (见面劝阻); contact attempts by channel (day of the attempt); 预警后被骗 flags (day the person was defrauded).
 */
export async function dissuasionFacts(db: Db, from: string, to: string): Promise<DailyFact[]> {
  const { lo, hi } = dayBounds(from, to);
  const tally = new Tally();

  const closed = await closedWarnings(db, from, to);
  const ids = textArray(closed.map((c) => c.id));
  const escalated = new Set(
    rowsOf<{ warning_id: string }>(
      await db.execute(sql`
        select warning_id from warning_workflow where warning_id = any(${ids}::text[]) and escalation_level <> 0`),
    ).map((r) => r.warning_id),
  );
  const visited = new Set(
    rowsOf<{ warning_id: string }>(
      await db.execute(sql`
        select distinct warning_id from contact_attempts
        where warning_id = any(${ids}::text[]) and channel = 'visit' and ok`),
    ).map((r) => r.warning_id),
  );
  for (const c of closed) {
    if (!escalated.has(c.id)) tally.add(c.unitId, c.day, 'closed_in_time', 'all', '');
    if (c.level === 'high' && visited.has(c.id)) tally.add(c.unitId, c.day, 'high_visited', 'all', '');
  }

  // attempts by the unit holding their warning now
  const attempts = rowsOf<{ warning_id: string; day: string; channel: string; n: number; reached: number }>(
    await db.execute(sql`
      select warning_id, (at at time zone 'Asia/Shanghai')::date::text as day, channel,
             count(*)::float8 as n, (count(*) filter (where ok))::float8 as reached
      from contact_attempts where at >= ${lo} and at < ${hi} group by 1, 2, 3`),
  );
  const unitOf = await unitsOfWarnings(db, [...new Set(attempts.map((a) => a.warning_id))]);
  for (const a of attempts) {
    const unitId = unitOf.get(a.warning_id);
    if (unitId === undefined) continue;
    tally.add(unitId, a.day, 'contacts', 'channel', a.channel, Number(a.n));
    tally.add(unitId, a.day, 'contacts_reached', 'channel', a.channel, Number(a.reached));
  }

  const flags = rowsOf<{ unit_id: string; day: string; n: number }>(
    await db.execute(sql`
      select unit_id, (at at time zone 'Asia/Shanghai')::date::text as day, count(*)::float8 as n
      from warning_flags where at >= ${lo} and at < ${hi} group by 1, 2`),
  );
  for (const f of flags) tally.add(f.unit_id, f.day, 'after_warning_victims', 'all', '', Number(f.n));

  return [...(await warningClosedFacts(db, from, to)), ...tally.facts()];
}

/** The warnings with a successful visit (见面劝阻), for a drill-down into the face-to-face rate. */
export async function visitedWarningIds(db: Db): Promise<string[]> {
  const res = await db.execute(sql`select distinct warning_id from contact_attempts where channel = 'visit' and ok`);
  return rowsOf<{ warning_id: string }>(res).map((r) => r.warning_id);
}

/** The warnings a deadline (or an officer) escalated, for a drill-down into the closed-in-time rate. */
export async function escalatedWarningIds(db: Db): Promise<string[]> {
  const res = await db.execute(sql`select warning_id from warning_workflow where escalation_level <> 0`);
  return rowsOf<{ warning_id: string }>(res).map((r) => r.warning_id);
}
