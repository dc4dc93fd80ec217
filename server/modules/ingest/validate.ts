// Per-event validation of partner input: the contract schema of the event's type, then identifier sanity. Pure;
// a bad event yields a reason and never affects the others of its batch.
import { Compile } from 'typebox/compile';
import { EVENT_TYPES, EventSchemas, type EventType, type ZhiwangEvent } from '../../../contract/events.ts';
import {
  findUnstorableText,
  normalizePhone,
  parseBankAccount,
  parseResidentId,
  UNSTORABLE_REASON,
} from '../identifiers/index.ts';
import { accountKey, idKey, phoneKey } from '../engine/index.ts';

const validators = Object.fromEntries(EVENT_TYPES.map((t) => [t, Compile(EventSchemas[t])])) as Record<
  EventType,
  ReturnType<typeof Compile>
>;
const isType = (t: unknown): t is EventType => typeof t === 'string' && (EVENT_TYPES as readonly string[]).includes(t);

/** Fixed for the life of a deployment: partition = hash(primary subject identifier) mod PARTITIONS. */
export const PARTITIONS = 64;

export type Checked =
  | { ok: true; event: ZhiwangEvent; partition: number; occurredAt: Date }
  | { ok: false; id?: string; reason: string; field?: string };

/** How far ahead of the server's clock an event's time may be (partner clocks drift): 5 minutes by default. */
export const DEFAULT_MAX_FUTURE_SKEW_MS = 5 * 60_000;

export interface CheckOptions {
  /** the server's clock (epoch ms) */
  now?: number;
  /** occurredAt may be at most this far after `now` */
  maxFutureSkewMs?: number;
}

export function checkEvent(input: unknown, opts: CheckOptions = {}): Checked {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, reason: 'an event must be a JSON object' };
  const o = input as Record<string, unknown>;
  const id = typeof o.id === 'string' ? o.id : undefined;
  if (!isType(o.type)) {
    return {
      ok: false,
      id,
      field: 'type',
      reason:
        o.type === undefined
          ? 'missing event type'
          : `unknown event type ${JSON.stringify(o.type).slice(0, 40)} (one of ${EVENT_TYPES.join(', ')})`,
    };
  }
  const v = validators[o.type];
  if (!v.Check(o)) {
    const first = v.Errors(o)[0];
    if (!first) return { ok: false, id, reason: 'does not match the contract' };
    const field = first.instancePath.replace(/^\//, '').replace(/\//g, '.') || fieldOfParams(first.params);
    const message =
      first.keyword === 'boolean' && first.schemaPath.endsWith('additionalProperties')
        ? 'unknown field'
        : first.message;
    return { ok: false, id, field: field || undefined, reason: `${field ? field + ': ' : ''}${message}` };
  }
  // one unstorable string would fail the whole batch's insert: the event carrying it is rejected on its own
  const bad = findUnstorableText(o);
  if (bad !== null)
    return { ok: false, id: bad === 'id' ? undefined : id, field: bad, reason: `${bad}: ${UNSTORABLE_REASON}` };
  const e = o as unknown as ZhiwangEvent;
  const occurred = new Date(e.occurredAt);
  if (Number.isNaN(occurred.getTime()))
    return { ok: false, id, field: 'occurredAt', reason: 'occurredAt: not a valid time' };
  // A time in the future is a partner's clock or data error; stored, it would also stretch every time window
  // measured from "the newest event" (the replay after a restart) for everyone.
  const skew = opts.maxFutureSkewMs ?? DEFAULT_MAX_FUTURE_SKEW_MS;
  if (occurred.getTime() > (opts.now ?? Date.now()) + skew) {
    return {
      ok: false,
      id,
      field: 'occurredAt',
      reason: `occurredAt: in the future (more than ${Math.round(skew / 1000)} s after the server's clock)`,
    };
  }
  const idProblem = identifierProblem(e);
  if (idProblem) return { ok: false, id, ...idProblem };
  return { ok: true, event: e, partition: partitionOf(e), occurredAt: occurred };
}

function fieldOfParams(params: unknown): string {
  const p = params as { additionalProperties?: string[]; requiredProperties?: string[] } | undefined;
  return p?.requiredProperties?.[0] ?? p?.additionalProperties?.[0] ?? '';
}

/** At least one usable identifier of the person at risk; any identifier given must be well-formed. */
function identifierProblem(e: ZhiwangEvent): { field: string; reason: string } | null {
  const s = e.subject;
  let usable = 0;
  if (s.phone !== undefined) {
    const r = normalizePhone(s.phone);
    if (!r.ok) return { field: 'subject.phone', reason: `subject.phone: ${r.reason}` };
    usable++;
  }
  if (s.idNumber !== undefined) {
    const r = parseResidentId(s.idNumber);
    if (!r.ok) return { field: 'subject.idNumber', reason: `subject.idNumber: ${r.reason}` };
    usable++;
  }
  if (s.account !== undefined) {
    const r = parseBankAccount(s.account);
    if (!r.ok) return { field: 'subject.account', reason: `subject.account: ${r.reason}` };
    usable++;
  }
  // A transaction names the account it happened on: that is the person's account even when subject omits it.
  if (usable === 0 && e.type === 'transaction' && parseBankAccount(e.account).ok) usable++;
  return usable ? null : { field: 'subject', reason: 'subject: at least one of phone, idNumber, account is required' };
}

/** The identifier the event is partitioned by, in the engine's key form: phone, else resident ID, else account. */
export function primaryKey(e: ZhiwangEvent): string {
  const s = e.subject;
  if (s.phone) return 'p:' + phoneKey(s.phone);
  if (s.idNumber) return 'i:' + idKey(s.idNumber);
  return 'a:' + accountKey(s.account ?? (e.type === 'transaction' ? e.account : ''));
}

export function partitionOf(e: ZhiwangEvent): number {
  return fnv1a(primaryKey(e)) % PARTITIONS;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Splits NDJSON text into parsed lines; a malformed line becomes an error at its index, blank lines are skipped. */
export function parseNdjson(text: string): { items: unknown[]; lineErrors: Map<number, string> } {
  const items: unknown[] = [];
  const lineErrors = new Map<number, string>();
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (!t) continue;
    try {
      items.push(JSON.parse(t));
    } catch (err) {
      lineErrors.set(items.length, `malformed JSON line: ${(err as Error).message.slice(0, 120)}`);
      items.push(undefined);
    }
  }
  return { items, lineErrors };
}
