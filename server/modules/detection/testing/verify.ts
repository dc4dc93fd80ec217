// Checks the durable outcome against an in-process reference run of the pure engine over the same stored events
// in the same decision order: every acknowledged event stored and decided once, one warning per subject, and each
// stored warning equal (level, rule hits with their events, evidence) to what the reference engine holds.
import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/index.ts';
import { createEngine, type WarningView } from '../../engine/index.ts';
import { currentEngineConfig } from '../../rules/index.ts';
import { engineEventId } from '../../ingest/index.ts';
import { eventKeys } from '../logic.ts';

export interface Verdict {
  stored: number;
  undecided: number;
  missingAcked: string[];
  warnings: number;
  referenceWarnings: number;
  problems: string[];
}

const rows = <T>(r: unknown) => (r as { rows: T[] }).rows;

/** `scope`: only events whose partner id starts with it (and their subjects' warnings) — tests sharing a database. */
export async function verifyAgainstReference(
  db: Db,
  acked: { source: string; id: string }[],
  scope = '',
): Promise<Verdict> {
  const stored = rows<{
    source: string;
    ext_id: string;
    decided: boolean;
    decided_batch: string | null;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- stored payloads of every event type
    payload: Record<string, any>;
  }>(
    await db.execute(sql`select e.source, e.ext_id, d.seq is not null as decided, d.batch as decided_batch, e.payload
      from events e left join event_decisions d on d.seq = e.seq
      where starts_with(e.ext_id, ${scope}) order by d.batch nulls last, e.seq`),
  );
  const have = new Map(stored.map((r) => [r.source + '/' + r.ext_id, r]));
  const missingAcked = acked.map((a) => a.source + '/' + a.id).filter((k) => !have.get(k)?.decided);
  const undecided = stored.filter((r) => !r.decided || r.decided_batch === null).length;

  const engine = createEngine({ config: (await currentEngineConfig(db)).config });
  const reference = new Map<string, WarningView>(); // stable key → final open warning
  const keyOf = new Map<string, string>();
  for (const r of stored) {
    if (!r.decided) continue;
    const d = engine.decide({ ...r.payload, id: engineEventId(r.source, r.ext_id) } as never);
    if (!keyOf.has(d.subjectId)) keyOf.set(d.subjectId, eventKeys(r.payload)[0]!);
    if (d.warning) reference.set(keyOf.get(d.subjectId)!, d.warning);
  }

  const warnings = rows<{
    subject_key: string;
    level: string;
    rule_hits: { ruleId: string; eventIds: string[] }[];
    evidence_event_ids: string[];
  }>(
    await db.execute(
      sql`select subject_key, level, rule_hits, evidence_event_ids from warnings where source = 'engine'`,
    ),
  );
  const problems: string[] = [];
  const seen = new Set<string>();
  const ours = new Set(stored.map((r) => eventKeys(r.payload)[0]!));
  for (const w of warnings) {
    if (!ours.has(w.subject_key)) continue;
    if (seen.has(w.subject_key)) problems.push(`duplicate warning for ${w.subject_key}`);
    seen.add(w.subject_key);
    const ref = reference.get(w.subject_key);
    if (!ref) {
      problems.push(`warning for ${w.subject_key} that the reference run never raised`);
      continue;
    }
    if (ref.level !== w.level) problems.push(`${w.subject_key}: level ${w.level}, reference ${ref.level}`);
    const hits = (hs: { ruleId: string; eventIds: string[] }[]) =>
      hs.map((h) => `${h.ruleId}[${h.eventIds.join(',')}]`).join(' ');
    if (hits(w.rule_hits) !== hits(ref.hits))
      problems.push(`${w.subject_key}: hits ${hits(w.rule_hits)} ≠ reference ${hits(ref.hits)}`);
    if (w.evidence_event_ids.join(',') !== ref.eventIds.join(','))
      problems.push(`${w.subject_key}: evidence differs from the reference`);
  }
  for (const k of reference.keys())
    if (!seen.has(k)) problems.push(`reference warning for ${k} missing from the store`);
  return {
    stored: stored.length,
    undecided,
    missingAcked,
    warnings: warnings.length,
    referenceWarnings: reference.size,
    problems,
  };
}
