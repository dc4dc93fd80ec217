import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';

export interface ContactTimeline {
  /** the first contact attempt of any channel (the AI call, an SMS, a phone call, a visit) */
  firstContactAt: Date | null;
  /** the first attempt that reached the person */
  firstReachedAt: Date | null;
  /** the first visit recorded (见面劝阻), reached or not */
  visitAt: Date | null;
  visitReached: boolean;
  /** 预警后被骗: when the person was defrauded after the warning */
  defraudedAfterAt: Date | null;
}

const rowsOf = <T>(res: unknown): T[] => ((res as { rows?: unknown[] }).rows ?? (res as unknown[])) as T[];
const d = (v: unknown) => (v == null ? null : new Date(v as string));

/** The contact side of a warning's time line, for after-action reviews (复盘). */
export async function contactTimeline(db: Db, warningId: string): Promise<ContactTimeline> {
  const res = await db.execute(sql`
    select
      (select min(at) from contact_attempts where warning_id = ${warningId}) as first_contact,
      (select min(at) from contact_attempts where warning_id = ${warningId} and ok) as first_reached,
      (select min(at) from contact_attempts where warning_id = ${warningId} and channel = 'visit') as visit_at,
      exists (select 1 from contact_attempts where warning_id = ${warningId} and channel = 'visit' and ok) as visit_ok,
      (select min(at) from warning_flags where warning_id = ${warningId}) as defrauded_after`);
  const r = rowsOf<Record<string, unknown>>(res)[0] ?? {};
  return {
    firstContactAt: d(r.first_contact),
    firstReachedAt: d(r.first_reached),
    visitAt: d(r.visit_at),
    visitReached: r.visit_ok === true || r.visit_ok === 't',
    defraudedAfterAt: d(r.defrauded_after),
  };
}
