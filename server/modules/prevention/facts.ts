// Figures for the stats roll-ups (read through index.ts): residents a prevention campaign reached, per unit and
// Shanghai day — the target-arm members whose message went out (the holdout arm is never sent to).
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';

export interface PreventionFact {
  unitId: string;
  day: string;
  metric: string;
  dim: string;
  key: string;
  value: number;
}

/** `prevention_reached` per unit × day (days `from`..`to` inclusive), in total and by campaign channel. */
export async function preventionFacts(db: Db, from: string, to: string): Promise<PreventionFact[]> {
  const res = await db.execute(sql`
    with m as (
      select m.unit_id, (m.at at time zone 'Asia/Shanghai')::date as day, c.channel
      from prevention_campaign_members m join prevention_campaigns c on c.id = m.campaign_id
      where m.arm = 'target' and m.outcome = 'sent'
        and m.at >= (${from}::date::timestamp at time zone 'Asia/Shanghai')
        and m.at < ((${to}::date + 1)::timestamp at time zone 'Asia/Shanghai'))
    select unit_id, day::text as day, 'all' as dim, '' as key, count(*)::float8 as value from m group by 1, 2
    union all select unit_id, day::text, 'channel', channel, count(*) from m group by 1, 2, 4`);
  const rows = ((res as { rows?: unknown[] }).rows ?? (res as unknown[])) as {
    unit_id: string;
    day: string;
    dim: string;
    key: string;
    value: number | string;
  }[];
  return rows.map((r) => ({
    unitId: r.unit_id,
    day: r.day,
    metric: 'prevention_reached',
    dim: r.dim,
    key: r.key ?? '',
    value: Number(r.value),
  }));
}
