import type { Db } from '../../platform/db/index.ts';
import { systemClock, type Clock } from '../../platform/clock.ts';
import { SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.ts';
import type { WarningLevel } from '../../../contract/warnings.ts';
import { auditMany, type AuditEntry } from '../audit/index.ts';
import * as repo from './repository.ts';
import type { WarningRow } from './repository.ts';

// One person, one open warning. When identifiers seen apart turn out to be one person (a bank event naming
// the phone and the account that each had a warning), the two open warnings become one: the one furthest along
// in the workflow survives (signed for, visited; else the older), takes the other's evidence, and the other is
// closed as merged into it. A merged warning is neither a disposition nor a case: the KPIs leave it out.

export const MERGED = 'merged';

export interface OpenWarningRef {
  id: string;
  subjectKey: string;
  status: string;
  openedAt: Date;
}
export interface Merge {
  duplicateId: string;
  survivorId: string;
  survivorKey: string;
}

/** The open warnings under these subject keys, one per key. */
export async function openWarningsByKey(tx: Db, keys: string[]): Promise<Map<string, OpenWarningRef>> {
  const rows = await repo.findOpenBySubjects(tx, [...new Set(keys)]);
  return new Map(
    rows.map((w) => [w.subjectKey, { id: w.id, subjectKey: w.subjectKey, status: w.status, openedAt: w.openedAt }]),
  );
}

// How far the dissuasion workflow has got with a warning: a person at the door outranks a unit that was only told,
// which outranks the machines (dissuasion/lifecycle.ts states; an unknown status counts as not started).
const PROGRESS: Record<string, number> = {
  visiting: 5,
  contacting: 4,
  signed: 3,
  dispatched: 2,
  review: 1,
  routing: 1,
  auto_contact: 1,
};

/**
 * Which of several open warnings of one person survives: the one furthest along (its officer keeps it), then the
 * oldest, then the smallest id, so every node agrees.
 */
export function survivorOf<T extends { id: string; status: string; openedAt: Date }>(ws: readonly T[]): T {
  return [...ws].sort(
    (a, b) =>
      (PROGRESS[b.status] ?? 0) - (PROGRESS[a.status] ?? 0) ||
      a.openedAt.getTime() - b.openedAt.getTime() ||
      (a.id < b.id ? -1 : 1),
  )[0]!;
}

const rank = (l: string) => ({ low: 1, medium: 2, high: 3 })[l as WarningLevel] ?? 0;

/** The survivor's evidence with the duplicate's added: the union of hits and events, the higher level and score. */
export function foldEvidence(survivor: WarningRow, dup: WarningRow, now: Date): repo.WarningEvidencePatch {
  const hitKey = (h: WarningRow['ruleHits'][number]) => `${h.ruleId}|${h.at}|${h.eventIds.join(',')}`;
  const seen = new Set(survivor.ruleHits.map(hitKey));
  const types = new Map(survivor.fraudTypes.map((f) => [f.code, f]));
  for (const f of dup.fraudTypes) if (!types.has(f.code)) types.set(f.code, f);
  return {
    id: survivor.id,
    level: rank(dup.level) > rank(survivor.level) ? dup.level : survivor.level,
    score: Math.max(survivor.score, dup.score),
    fraudTypes: [...types.values()],
    ruleHits: [...survivor.ruleHits, ...dup.ruleHits.filter((h) => !seen.has(hitKey(h)))],
    evidenceEventIds: [...new Set([...survivor.evidenceEventIds, ...dup.evidenceEventIds])],
    subject: { ...dup.subject, ...survivor.subject },
    subjectPhone: survivor.subjectPhone ?? dup.subjectPhone,
    subjectIdNumber: survivor.subjectIdNumber ?? dup.subjectIdNumber,
    summary: survivor.summary ?? dup.summary,
    updatedAt: now,
  };
}

/**
 * Closes each duplicate as merged into its survivor, folding its evidence in; audited on both warnings. Returns
 * the merges done, with the survivor's level after them. Call in the transaction that links the identifiers,
 * before the batch's evidence is written to the survivors.
 */
export async function mergeWarnings(
  tx: Db,
  merges: readonly Merge[],
  actor: Actor = SYSTEM_ACTOR,
  clock: Clock = systemClock,
): Promise<(Merge & { level: WarningLevel })[]> {
  if (!merges.length) return [];
  const rows = new Map(
    (
      await repo.findWarningsByIds(
        tx,
        merges.flatMap((m) => [m.duplicateId, m.survivorId]),
      )
    ).map((w) => [w.id, w]),
  );
  const now = new Date(clock());
  const entries: AuditEntry[] = [];
  const done: (Merge & { level: WarningLevel })[] = [];
  for (const m of merges) {
    const dup = rows.get(m.duplicateId),
      survivor = rows.get(m.survivorId);
    if (!dup || !survivor || dup.status === 'closed') continue;
    const patch = foldEvidence(survivor, dup, now);
    await repo.updateWarningsEvidence(tx, [patch]);
    rows.set(survivor.id, { ...survivor, ...patch, level: patch.level } as WarningRow);
    await repo.updateWarning(
      tx,
      dup.id,
      {
        status: 'closed',
        closedAt: now,
        disposition: {
          disposition: MERGED,
          label: '已合并',
          mergedInto: survivor.id,
          at: now.toISOString(),
          by: 'system',
          note: `同一人的预警，合并至 ${survivor.id}`,
          loss: null,
          lossAvoided: null,
        },
      },
      now,
    );
    done.push({ ...m, level: patch.level as WarningLevel });
    entries.push(
      // in the lifecycle's own audit shape, so the warning's history shows it like any other transition
      {
        action: 'transition',
        entityType: 'warning',
        entityId: dup.id,
        details: { command: 'merge_into', from: dup.status, to: 'closed', ok: true, into: survivor.id },
      },
      {
        action: 'update',
        entityType: 'warning',
        entityId: survivor.id,
        details: { merged: dup.id, level: patch.level },
      },
    );
  }
  await auditMany(tx, actor, entries);
  return done;
}
