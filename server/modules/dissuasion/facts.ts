import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { ageBandSql, dayBounds, rowsOf, type DailyFact } from '../warnings/index.ts';

type R = { unit_id: string; day: string; metric: string; dim: string; key: string | null; value: number | string };
const toFacts = (res: unknown): DailyFact[] =>
  rowsOf<R>(res).map((r) => ({
    unitId: r.unit_id,
    day: r.day,
    metric: r.metric,
    dim: r.dim,
    key: r.key ?? '',
    value: Number(r.value),
  }));

/**
 * The closed loop's figures per unit and day of closing (Asia/Shanghai): closed warnings by disposition, dissuaded
 * people and loss avoided, 已被骗 and its loss, closed within the time limit (no deadline escalated it), high
 * warnings closed and those with a successful visit (见面劝阻); contact attempts by channel (day of the attempt);
 * 预警后被骗 flags (day the person was defrauded).
 */
export async function dissuasionFacts(db: Db, from: string, to: string): Promise<DailyFact[]> {
  const { lo, hi } = dayBounds(from, to);
  const closed = await db.execute(sql`
    with c as (
      select w.unit_id, (w.closed_at at time zone 'Asia/Shanghai')::date::text as day, w.level, w.fraud_types,
             ${ageBandSql('w.subject_id_number', "(w.closed_at at time zone 'Asia/Shanghai')")} as age,
             coalesce(w.disposition->>'disposition', 'unknown') as disp,
             coalesce((w.disposition->>'lossAvoided')::float8, 0) as avoided, coalesce((w.disposition->>'loss')::float8, 0) as loss,
             coalesce(wf.escalation_level, 0) = 0 as in_time,
             (w.level = 'high' and exists (select 1 from contact_attempts a where a.warning_id = w.id and a.channel = 'visit' and a.ok)) as visited
      from warnings w left join warning_workflow wf on wf.warning_id = w.id
      where w.status = 'closed' and w.closed_at >= ${lo} and w.closed_at < ${hi})
    select unit_id, day, 'warnings_closed' as metric, 'all' as dim, '' as key, count(*)::float8 as value from c group by 1, 2
    union all select unit_id, day, 'warnings_closed', 'level', level, count(*) from c group by 1, 2, 5
    union all select unit_id, day, 'warnings_closed', 'disposition', disp, count(*) from c group by 1, 2, 5
    union all select unit_id, day, 'closed_in_time', 'all', '', count(*) from c where in_time group by 1, 2
    union all select unit_id, day, 'high_closed', 'all', '', count(*) from c where level = 'high' group by 1, 2
    union all select unit_id, day, 'high_visited', 'all', '', count(*) from c where visited group by 1, 2
    union all select unit_id, day, 'dissuaded', 'all', '', count(*) from c where disp = 'dissuaded' group by 1, 2
    union all select unit_id, day, 'dissuaded', 'age_band', age, count(*) from c where disp = 'dissuaded' group by 1, 2, 5
    union all select unit_id, day, 'dissuaded', 'fraud_type', ft->>'code', count(*)
      from c cross join lateral jsonb_array_elements(c.fraud_types) ft where disp = 'dissuaded' group by 1, 2, 5
    union all select unit_id, day, 'loss_avoided', 'all', '', sum(avoided) from c where avoided > 0 group by 1, 2
    union all select unit_id, day, 'defrauded', 'all', '', count(*) from c where disp = 'defrauded' group by 1, 2
    union all select unit_id, day, 'defrauded', 'age_band', age, count(*) from c where disp = 'defrauded' group by 1, 2, 5
    union all select unit_id, day, 'defrauded_loss', 'all', '', sum(loss) from c where loss > 0 group by 1, 2`);
  const contacts = await db.execute(sql`
    select w.unit_id, (a.at at time zone 'Asia/Shanghai')::date::text as day, 'contacts' as metric, 'channel' as dim, a.channel as key, count(*)::float8 as value
    from contact_attempts a join warnings w on w.id = a.warning_id
    where a.at >= ${lo} and a.at < ${hi} group by 1, 2, 5
    union all
    select w.unit_id, (a.at at time zone 'Asia/Shanghai')::date::text, 'contacts_reached', 'channel', a.channel, count(*)
    from contact_attempts a join warnings w on w.id = a.warning_id
    where a.at >= ${lo} and a.at < ${hi} and a.ok group by 1, 2, 5`);
  const flags = await db.execute(sql`
    select unit_id, (at at time zone 'Asia/Shanghai')::date::text as day, 'after_warning_victims' as metric, 'all' as dim, '' as key, count(*)::float8 as value
    from warning_flags where at >= ${lo} and at < ${hi} group by 1, 2`);
  return [...toFacts(closed), ...toFacts(contacts), ...toFacts(flags)];
}
