// The stored event log as detection drives it: claim the undecided events of some partitions, mark them decided,
// page through the decided ones for a replay, and the warning closures recorded between batches. Platform-internal
// (no actor): detection is the log's only consumer.
import type { Db } from '../../platform/db/index.ts';
import * as repo from './repository.ts';

export type { ClosureRow, StoredEvent } from './repository.ts';

/** Locks the oldest undecided events of `partitions` (null = all) for the calling transaction (SKIP LOCKED). */
export const claimUndecided = (tx: Db, partitions: readonly number[] | null, limit: number) =>
  repo.claimUndecided(tx, partitions, limit);

export const markDecided = (tx: Db, seqs: number[]) => repo.markDecided(tx, seqs);

export const newestDecidedTime = (...a: Parameters<typeof repo.newestDecidedTime>) => repo.newestDecidedTime(...a);

export const decidedPage = (...a: Parameters<typeof repo.decidedPage>) => repo.decidedPage(...a);

/** Records that the workflow closed a subject's warning, between the batches decided so far and the next. */
export const insertClosure = (db: Db, subjectKey: string, closedAt: Date) =>
  repo.insertClosure(db, subjectKey, closedAt);

export const closuresAfter = (db: Db, opts: { afterId?: number; closedSince?: Date }) => repo.closuresAfter(db, opts);

export const maxClosureId = (db: Db) => repo.maxClosureId(db);
