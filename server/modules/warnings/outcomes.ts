// Labelled outcomes for fitting rule weights (rules/fit.ts): closed engine warnings whose disposition says whether
// the warning was real — 劝阻成功 / 已被骗 (true) or 误报 (false) — with the rule hits that made them.
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { rowsOf } from './facts.ts';

export interface WarningOutcome {
  id: string;
  disposition: 'dissuaded' | 'defrauded' | 'false_alarm';
  fraud: boolean;
  hits: { ruleId: string; score: number }[];
  closedAt: string;
}

/** Closed engine warnings with a telling disposition, closed at or after `since`, newest first, at most `limit`. */
export async function closedWarningOutcomes(db: Db, since: Date, limit = 20_000): Promise<WarningOutcome[]> {
  const res = await db.execute(sql`
    select id, disposition->>'disposition' as disposition, rule_hits, closed_at from warnings
    where status = 'closed' and source = 'engine' and closed_at >= ${since.toISOString()}::timestamptz
      and disposition->>'disposition' in ('dissuaded', 'defrauded', 'false_alarm')
    order by closed_at desc limit ${limit}`);
  return rowsOf<{
    id: string;
    disposition: WarningOutcome['disposition'];
    rule_hits: { ruleId: string; score: number }[] | string;
    closed_at: string | Date;
  }>(res).map((r) => {
    const hits = typeof r.rule_hits === 'string' ? (JSON.parse(r.rule_hits) as typeof r.rule_hits) : r.rule_hits;
    return {
      id: r.id,
      disposition: r.disposition,
      fraud: r.disposition !== 'false_alarm',
      hits: (hits as { ruleId: string; score: number }[]).map((h) => ({ ruleId: h.ruleId, score: Number(h.score) })),
      closedAt: new Date(r.closed_at).toISOString(),
    };
  });
}

/** What a closed warning was about, for proposing training labels: its types (strongest first) and the evidence
 *  event ids of its rule hits. Null when the warning does not exist. */
export async function warningEvidence(
  db: Db,
  warningId: string,
): Promise<{ fraudTypes: string[]; eventIds: string[] } | null> {
  const res = await db.execute(sql`select fraud_types, evidence_event_ids from warnings where id = ${warningId}`);
  const r = rowsOf<{ fraud_types: unknown; evidence_event_ids: unknown }>(res)[0];
  if (!r) return null;
  const parse = <T>(x: unknown): T => (typeof x === 'string' ? (JSON.parse(x) as T) : (x as T));
  return {
    fraudTypes: parse<{ code: string }[]>(r.fraud_types).map((t) => t.code),
    eventIds: parse<string[]>(r.evidence_event_ids),
  };
}
