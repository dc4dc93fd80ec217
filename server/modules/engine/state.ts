// Per-subject state: the few sequences the rules look back on, each bounded (small rings, capped maps) so a
// busy subject cannot grow without limit. Everything is derived from events in order, so replaying the
// stored events rebuilds it exactly.
import type { Level, RuleHit } from './types.ts';

/** Fixed-capacity ring of (time, amount, event id); the oldest entry is overwritten. */
export class Ring {
  readonly t: number[] = [];
  readonly amount: number[] = [];
  readonly id: string[] = [];
  private head = 0;
  constructor(private readonly cap = 16) {}
  push(t: number, amount: number, id: string): void {
    if (this.t.length < this.cap) {
      this.t.push(t);
      this.amount.push(amount);
      this.id.push(id);
      return;
    }
    this.t[this.head] = t;
    this.amount[this.head] = amount;
    this.id[this.head] = id;
    this.head = (this.head + 1) % this.cap;
  }
  /** Entries with time in [from, to]: count, amount sum, ids (ids only when asked). */
  since(from: number, to: number, ids?: string[]): { count: number; total: number } {
    let count = 0,
      total = 0;
    for (let i = 0; i < this.t.length; i++) {
      const t = this.t[i]!;
      if (t >= from && t <= to) {
        count++;
        total += this.amount[i]!;
        ids?.push(this.id[i]!);
      }
    }
    return { count, total };
  }
  absorb(o: Ring): void {
    for (let i = 0; i < o.t.length; i++) this.push(o.t[i]!, o.amount[i]!, o.id[i]!);
  }
}

export interface Contact {
  first: number;
  out: boolean;
}
export const CONTACT_CAP = 64;

export interface SeqContact {
  t: number;
  s: number;
  id: string;
  types: string[];
  what: string;
}
export const SEQ_CAP = 8;

export interface OpenWarning {
  level: Level;
  openedAt: number;
}

export class SubjectState {
  lastT = 0;
  /** the subject id ('S<n>'), built once per subject rather than once per event; absorb() does not copy it */
  sid: string | null = null;
  /** when the subject was last put on the engine's idle queue */
  queuedT = -Infinity;
  /** last answered call long enough to matter, and whether it was suspicious (foreign/spoofed/listed) */
  callT = -Infinity;
  callSec = 0;
  callId = '';
  callTypes: string[] | null = null; // callT = when the call ended

  /** Seconds since the last relevant call ended, negative while it was still going on; null if none. */
  sinceCall(t: number): number | null {
    if (this.callT === -Infinity || t < this.callT - this.callSec * 1000) return null;
    return (t - this.callT) / 1000;
  }
  loans: Ring | null = null;
  withdrawals: Ring | null = null;
  newPayeeTransfers: Ring | null = null;
  /** payees seen (account → first time); capped, oldest forgotten first */
  payees: Map<string, number> | null = null;
  /** numbers the subject has exchanged calls/SMS with: first seen, and whether the subject reached out to
   * it (an outgoing call or SMS) — a relative abroad is a number one calls back, a fraudster rarely is */
  contacts: Map<string, Contact> | null = null;
  /** last suspicious call (foreign/spoofed/listed), kept apart from `callT`, which any later call overwrites */
  suspT = -Infinity;
  suspId = '';
  suspTypes: string[] = [];
  /** last dating / stranger-chat app install */
  datingT = -Infinity;
  /** last risky chat app install (Telegram, 蝙蝠…), and last risky app of any kind (chat or trading look-alike):
   * when, which event, its name and the types it points at */
  chatT = -Infinity;
  appT = -Infinity;
  appId = '';
  appName = '';
  appTypes: string[] = [];
  /** last incoming text with a fraud script or an identity claim, and the types it named */
  scriptT = -Infinity;
  scriptId = '';
  scriptTypes: string[] | null = null;
  /** recent suspicious contacts of any kind (time, strength 0–1, event, types), newest last, at most SEQ_CAP */
  seq: SeqContact[] | null = null;
  hits: RuleHit[] = [];
  warning: OpenWarning | null = null;

  addSeq(c: SeqContact): void {
    const a = (this.seq ??= []);
    if (a.length >= SEQ_CAP) a.shift();
    a.push(c);
  }

  /** Known contact at time t: the subject called/texted it, or has been in touch with it for `afterMs`. */
  knowsContact(peer: string, t: number, afterMs: number): boolean {
    const c = this.contacts?.get(peer);
    return c !== undefined && (c.out || t - c.first >= afterMs);
  }

  addContact(peer: string, t: number, out: boolean, cap: number): void {
    const m = (this.contacts ??= new Map());
    const c = m.get(peer);
    if (c) {
      if (out) c.out = true;
      return;
    }
    if (m.size >= cap) m.delete(m.keys().next().value!);
    m.set(peer, { first: t, out });
  }

  knowsPayee(acc: string): boolean {
    return this.payees !== null && this.payees.has(acc);
  }

  addPayee(acc: string, t: number, cap: number): void {
    const p = (this.payees ??= new Map());
    if (p.has(acc)) return;
    if (p.size >= cap) p.delete(p.keys().next().value!);
    p.set(acc, t);
  }

  /** Absorbs another subject's state after a merge (order-independent where it matters). */
  absorb(o: SubjectState): void {
    this.lastT = Math.max(this.lastT, o.lastT);
    if (o.callT > this.callT) {
      this.callT = o.callT;
      this.callSec = o.callSec;
      this.callId = o.callId;
      this.callTypes = o.callTypes;
    }
    if (o.loans) (this.loans ??= new Ring()).absorb(o.loans);
    if (o.withdrawals) (this.withdrawals ??= new Ring()).absorb(o.withdrawals);
    if (o.newPayeeTransfers) (this.newPayeeTransfers ??= new Ring()).absorb(o.newPayeeTransfers);
    if (o.payees) for (const [k, t] of o.payees) this.addPayee(k, t, 256);
    if (o.contacts)
      for (const [k, c] of o.contacts) {
        const mine = this.contacts?.get(k);
        if (mine) {
          mine.first = Math.min(mine.first, c.first);
          mine.out ||= c.out;
        } else this.addContact(k, c.first, c.out, CONTACT_CAP);
      }
    if (o.suspT > this.suspT) {
      this.suspT = o.suspT;
      this.suspId = o.suspId;
      this.suspTypes = o.suspTypes;
    }
    this.datingT = Math.max(this.datingT, o.datingT);
    this.chatT = Math.max(this.chatT, o.chatT);
    if (o.appT > this.appT) {
      this.appT = o.appT;
      this.appId = o.appId;
      this.appName = o.appName;
      this.appTypes = o.appTypes;
    }
    if (o.scriptT > this.scriptT) {
      this.scriptT = o.scriptT;
      this.scriptId = o.scriptId;
      this.scriptTypes = o.scriptTypes;
    }
    if (o.seq) {
      for (const c of o.seq) this.addSeq(c);
      this.seq!.sort((a, b) => a.t - b.t);
    }
    if (o.hits.length)
      this.hits = this.hits
        .concat(o.hits)
        .sort((a, b) => a.t - b.t)
        .slice(-MAX_HITS);
    if (o.warning && (!this.warning || o.warning.openedAt < this.warning.openedAt)) {
      this.warning = {
        level: this.warning && rank(this.warning.level) > rank(o.warning.level) ? this.warning.level : o.warning.level,
        openedAt: o.warning.openedAt,
      };
    }
  }
}

export const MAX_HITS = 64;
const rank = (l: Level) => (l === 'high' ? 3 : l === 'medium' ? 2 : 1);
