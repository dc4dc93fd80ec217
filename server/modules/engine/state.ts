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

export const CONTACT_CAP = 64;

export interface SeqContact {
  t: number;
  s: number;
  id: string;
  types: string[];
  what: string;
}
export const SEQ_CAP = 8;
/** shared empty arrays for state that has none yet: never pushed to, only replaced */
const NO_TYPES: string[] = [];
const NO_HITS: RuleHit[] = [];

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
  /** payees paid before (accounts); capped, oldest forgotten first. A set: when each was first paid is never asked */
  payees: Set<string> | null = null;
  /** the only payee while there is one: no Set until a second payee (like the first contact, see c1) */
  private p1: string | null = null;
  /** numbers the subject has exchanged calls/SMS with → when first seen, or -Infinity once the subject reached out to
   * it (an outgoing call or SMS: known from then on) — a relative abroad is a number one calls back, a fraudster
   * rarely is. One number per entry, not an object: new subjects' state is most of what survives a young GC */
  contacts: Map<string, number> | null = null;
  /** the only number while there is one (most subjects): no Map until a second number (a Map costs ~100 bytes) */
  private c1: string | null = null;
  private c1T = 0;
  /** the rarer evidence (suspicious call, app installs, script texts), created on first use: most subjects never
   * have any, and eleven fields with five boxed times on every subject cost young-GC time */
  private ev: Evidence | null = null;
  /** last suspicious call (foreign/spoofed/listed), kept apart from `callT`, which any later call overwrites */
  get suspT(): number {
    return this.ev === null ? -Infinity : this.ev.suspT;
  }
  get suspId(): string {
    return this.ev === null ? '' : this.ev.suspId;
  }
  get suspTypes(): string[] {
    return this.ev === null ? NO_TYPES : this.ev.suspTypes;
  }
  noteSuspicious(t: number, id: string, types: string[]): void {
    const e = (this.ev ??= new Evidence());
    e.suspT = t;
    e.suspId = id;
    e.suspTypes = types;
  }
  /** last dating / stranger-chat app install */
  get datingT(): number {
    return this.ev === null ? -Infinity : this.ev.datingT;
  }
  set datingT(t: number) {
    (this.ev ??= new Evidence()).datingT = t;
  }
  /** last risky chat app install (Telegram, 蝙蝠…), and last risky app of any kind (chat or trading look-alike):
   * when, which event, its name and the types it points at */
  get chatT(): number {
    return this.ev === null ? -Infinity : this.ev.chatT;
  }
  set chatT(t: number) {
    (this.ev ??= new Evidence()).chatT = t;
  }
  get appT(): number {
    return this.ev === null ? -Infinity : this.ev.appT;
  }
  get appId(): string {
    return this.ev === null ? '' : this.ev.appId;
  }
  get appName(): string {
    return this.ev === null ? '' : this.ev.appName;
  }
  get appTypes(): string[] {
    return this.ev === null ? NO_TYPES : this.ev.appTypes;
  }
  noteApp(t: number, id: string, name: string, types: string[]): void {
    const e = (this.ev ??= new Evidence());
    e.appT = t;
    e.appId = id;
    e.appName = name;
    e.appTypes = types;
  }
  /** last incoming text with a fraud script or an identity claim, and the types it named */
  get scriptT(): number {
    return this.ev === null ? -Infinity : this.ev.scriptT;
  }
  get scriptId(): string {
    return this.ev === null ? '' : this.ev.scriptId;
  }
  get scriptTypes(): string[] | null {
    return this.ev === null ? null : this.ev.scriptTypes;
  }
  noteScript(t: number, id: string, types: string[] | null): void {
    const e = (this.ev ??= new Evidence());
    e.scriptT = t;
    e.scriptId = id;
    e.scriptTypes = types;
  }
  /** recent suspicious contacts of any kind (time, strength 0–1, event, types), newest last, at most SEQ_CAP */
  seq: SeqContact[] | null = null;
  /** shared empty array until the first hit; always replaced, never pushed to */
  hits: RuleHit[] = NO_HITS;
  warning: OpenWarning | null = null;

  addSeq(c: SeqContact): void {
    const a = (this.seq ??= []);
    if (a.length >= SEQ_CAP) a.shift();
    a.push(c);
  }

  /** Known contact at time t: the subject called/texted it, or has been in touch with it for `afterMs`. */
  knowsContact(peer: string, t: number, afterMs: number): boolean {
    const first = this.contactFirst(peer);
    return first !== undefined && (first === -Infinity || t - first >= afterMs);
  }

  private contactFirst(peer: string): number | undefined {
    if (this.contacts !== null) return this.contacts.get(peer);
    return this.c1 === peer ? this.c1T : undefined;
  }

  addContact(peer: string, t: number, out: boolean, cap: number): void {
    if (this.contacts === null) {
      if (this.c1 === null) {
        this.c1 = peer;
        this.c1T = out ? -Infinity : t;
        return;
      }
      if (this.c1 === peer) {
        if (out) this.c1T = -Infinity;
        return;
      }
      // a second number: from now on all of them in the Map, the first one first (eviction order unchanged)
      this.contacts = new Map([[this.c1, this.c1T]]);
      this.c1 = null;
    }
    const m = this.contacts;
    const first = m.get(peer);
    if (first !== undefined) {
      if (out) m.set(peer, -Infinity); // an existing key keeps its place in the eviction order
      return;
    }
    if (m.size >= cap) m.delete(m.keys().next().value!);
    m.set(peer, out ? -Infinity : t);
  }

  /** Another subject's contact, after a merge: the earliest first-seen wins; -Infinity (reached out to) is the
   * earliest of all, so "out" survives too. */
  private mergeContact(peer: string, first: number): void {
    const mine = this.contactFirst(peer);
    if (mine === undefined) this.addContact(peer, first, first === -Infinity, CONTACT_CAP);
    else if (this.contacts !== null) this.contacts.set(peer, Math.min(mine, first));
    else this.c1T = Math.min(mine, first);
  }

  knowsPayee(acc: string): boolean {
    return this.payees !== null ? this.payees.has(acc) : this.p1 === acc;
  }

  addPayee(acc: string, cap: number): void {
    if (this.payees === null) {
      if (this.p1 === null || this.p1 === acc) {
        this.p1 = acc;
        return;
      }
      this.payees = new Set([this.p1]); // a second payee: all in the Set, the first one first (eviction order)
      this.p1 = null;
    }
    const p = this.payees;
    if (p.has(acc)) return;
    if (p.size >= cap) p.delete(p.values().next().value!);
    p.add(acc);
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
    if (o.payees) for (const k of o.payees) this.addPayee(k, 256);
    else if (o.p1 !== null) this.addPayee(o.p1, 256);
    if (o.contacts) for (const [k, first] of o.contacts) this.mergeContact(k, first);
    else if (o.c1 !== null) this.mergeContact(o.c1, o.c1T);
    if (o.ev) {
      if (o.suspT > this.suspT) this.noteSuspicious(o.suspT, o.suspId, o.suspTypes);
      if (o.datingT > this.datingT) this.datingT = o.datingT;
      if (o.chatT > this.chatT) this.chatT = o.chatT;
      if (o.appT > this.appT) this.noteApp(o.appT, o.appId, o.appName, o.appTypes);
      if (o.scriptT > this.scriptT) this.noteScript(o.scriptT, o.scriptId, o.scriptTypes);
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

/** The evidence most subjects never have, in one object made on first use (see SubjectState.ev). */
class Evidence {
  suspT = -Infinity;
  suspId = '';
  suspTypes: string[] = NO_TYPES;
  datingT = -Infinity;
  chatT = -Infinity;
  appT = -Infinity;
  appId = '';
  appName = '';
  appTypes: string[] = NO_TYPES;
  scriptT = -Infinity;
  scriptId = '';
  scriptTypes: string[] | null = null;
}

export const MAX_HITS = 64;
const rank = (l: Level) => (l === 'high' ? 3 : l === 'medium' ? 2 : 1);
