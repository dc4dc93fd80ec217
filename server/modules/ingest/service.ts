// Ingest use cases: validate each event, store the valid ones in one statement (idempotent by source + id),
// commit, then report per event. Detection is told in-process the moment a batch is stored.
import type { Db } from '../../platform/db/index.ts';
import { assertCan, type Actor } from '../../platform/auth/actor.ts';
import type { IngestResponse } from '../../../contract/events.ts';
import { audit } from '../audit/index.ts';
import { checkEvent, DEFAULT_MAX_FUTURE_SKEW_MS } from './validate.ts';
import * as repo from './repository.ts';
import { resolveIdentities } from './identity.ts';
import { configureSourceClaims, refusedSources } from './sources.ts';
import { foreground } from '../../platform/db/priority.ts';

export { MAX_EVENTS_PER_REQUEST as MAX_EVENTS, MAX_REQUEST_BYTES as MAX_BYTES } from '../../../contract/events.ts';

type Outcome = IngestResponse['results'][number];

let maxFutureSkewMs = DEFAULT_MAX_FUTURE_SKEW_MS;

/** Set once at start from the configuration (ZHIWANG_EVENT_CLOCK_SKEW_SEC, ZHIWANG_EVENT_SOURCE_CLAIMS). */
export function configureIngest(opts: { maxFutureSkewSec: number; sourceClaims?: boolean }): void {
  maxFutureSkewMs = opts.maxFutureSkewSec * 1000;
  if (opts.sourceClaims !== undefined) configureSourceClaims(opts.sourceClaims);
}

/** The accepted clock skew of partners: no stored event is later than the server's clock plus this. */
export const maxFutureSkew = (): number => maxFutureSkewMs;
type Listener = () => void;
const listeners = new Set<Listener>();

/** Called after every commit that stored at least one new event (the detection runtime wakes up on it). */
export function onEventsStored(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Events were stored by another thread of this process (the detection thread hears it through its parent). */
export function announceEventsStored(): void {
  for (const l of listeners) l();
}

/**
 * Validates and stores `items` (already parsed; `preRejected` holds indexes that failed before, e.g. a malformed
 * NDJSON line). Returns once the accepted events are durably committed. `opts.maxFutureSkewMs` overrides the
 * configured clock-skew tolerance (for a caller that must store far-dated events on purpose).
 */
export async function ingestEvents(
  db: Db,
  actor: Actor,
  items: unknown[],
  preRejected: Map<number, string> = new Map(),
  via: 'api' | 'file' | 'nats' = 'api',
  opts: { maxFutureSkewMs?: number } = {},
): Promise<IngestResponse> {
  assertCan(actor, 'events:write');
  // a partner waits for this answer: detection and the event subscribers let it go first (platform/db/priority.ts)
  return foreground(() => store(db, actor, items, preRejected, via, opts));
}

async function store(
  db: Db,
  actor: Actor,
  items: unknown[],
  preRejected: Map<number, string>,
  via: 'api' | 'file' | 'nats',
  opts: { maxFutureSkewMs?: number },
): Promise<IngestResponse> {
  const results: Outcome[] = new Array(items.length);
  const rows: repo.NewEventRow[] = [];
  const rowIndex: number[] = [];
  const seen = new Set<string>();
  const clock = { now: Date.now(), maxFutureSkewMs: opts.maxFutureSkewMs ?? maxFutureSkewMs };
  for (let i = 0; i < items.length; i++) {
    const pre = preRejected.get(i);
    if (pre !== undefined) {
      results[i] = { index: i, status: 'rejected', reason: pre };
      continue;
    }
    const c = checkEvent(items[i], clock);
    if (!c.ok) {
      results[i] = {
        index: i,
        status: 'rejected',
        reason: c.reason,
        ...(c.id !== undefined ? { id: c.id } : {}),
        ...(c.field ? { field: c.field } : {}),
      };
      continue;
    }
    const e = c.event;
    const key = e.source + '\u0000' + e.id;
    if (seen.has(key)) {
      results[i] = { index: i, id: e.id, status: 'duplicate' };
      continue;
    }
    seen.add(key);
    rows.push({
      source: e.source,
      ext_id: e.id,
      type: e.type,
      occurred_at: c.occurredAt.toISOString(),
      partition: c.partition,
      payload: e,
    });
    rowIndex.push(i);
  }
  if (rows.length && actor.kind === 'token') {
    // a partner speaks for its own sources only: the others' events are refused before the duplicate check,
    // so a partner can neither store, pre-empt nor probe (accepted/duplicate) another's (source, id)
    const refused = await refusedSources(db, actor, [...new Set(rows.map((r) => r.source))]);
    for (let k = rows.length - 1; refused.size && k >= 0; k--) {
      const r = rows[k]!;
      const why = refused.get(r.source);
      if (why === undefined) continue;
      const i = rowIndex[k]!;
      results[i] = { index: i, id: r.ext_id, status: 'rejected', reason: why, field: 'source' };
      rows.splice(k, 1);
      rowIndex.splice(k, 1);
    }
  }
  // One audit row per stored batch (not per event: partners send tens of thousands a second), same transaction.
  const inserted = rows.length
    ? await retryDeadlock(() =>
        db.transaction(async (tx) => {
          await resolveIdentities(tx, rows); // the person, before the partition: one worker per person
          const ins = await repo.insertEvents(tx, rows);
          if (ins.size) {
            const sources = [...new Set(rows.map((r) => r.source))].slice(0, 20);
            await audit(tx, actor, {
              action: via === 'file' ? 'import' : 'create',
              entityType: 'events',
              details: { via, stored: ins.size, sources },
            });
          }
          return ins;
        }),
      )
    : new Set<string>();
  rows.forEach((r, k) => {
    const i = rowIndex[k]!;
    results[i] = {
      index: i,
      id: r.ext_id,
      status: inserted.has(r.source + '\u0000' + r.ext_id) ? 'accepted' : 'duplicate',
    };
  });
  if (inserted.size) for (const l of listeners) l();
  let accepted = 0,
    duplicate = 0,
    rejected = 0;
  for (const r of results) {
    if (r.status === 'accepted') accepted++;
    else if (r.status === 'duplicate') duplicate++;
    else rejected++;
  }
  return { accepted, duplicate, rejected, results };
}

export { countEvents } from './repository.ts';

/** Two batches naming the same people in a different order can deadlock on their identity rows (PostgreSQL
 *  picks one to fail): nothing of the failed one was stored, so it is simply run again. */
async function retryDeadlock<T>(f: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await f();
    } catch (err) {
      const code =
        (err as { code?: string; cause?: { code?: string } }).code ??
        (err as { cause?: { code?: string } }).cause?.code;
      if (attempt >= 5 || (code !== '40P01' && code !== '40001')) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}
