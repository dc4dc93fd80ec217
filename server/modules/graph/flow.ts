// Money-flow tracing (资金流向) over transactions held in compact typed arrays. Pure: no I/O.
// Forward from a victim's payment: level 1 is the account paid, level 2 the accounts it paid on with that money,
// and so on. Money leaves an account only after it arrived (time-respecting); a transfer carries tainted money by
// one of two attribution rules — LIFO (the newest money leaves first) or proportional (every outflow carries the
// tainted share of the balance). Tracing stops at cash-out (ATM / counter withdrawal, crypto, gold, POS) and at
// hub accounts (too many counterparties: payment platforms, merchants), with a note.

export const TX_CHANNELS = ['transfer', 'atm', 'counter', 'crypto', 'gold', 'pos', 'other'] as const;
export type TxChannel = (typeof TX_CHANNELS)[number];
const CASH_OUT = new Set<number>([1, 2, 3, 4, 5]);
export const isCashOutChannel = (c: TxChannel): boolean => CASH_OUT.has(TX_CHANNELS.indexOf(c));

export interface TxInput {
  from: string;
  to: string;
  amount: number;
  at: number;
  channel?: TxChannel;
}

/** Transactions in columns; out- and in-lists per account sorted by time (CSR). Amounts in cents. */
export class TxStore {
  readonly accounts: string[] = [];
  readonly idOf = new Map<string, number>();
  from: Int32Array;
  to: Int32Array;
  amount: Float64Array;
  at: Float64Array;
  channel: Uint8Array;
  count = 0;
  outOff!: Int32Array;
  outTx!: Int32Array;
  inOff!: Int32Array;
  inTx!: Int32Array;
  /** Distinct counterparties per account (in + out), computed by build(). */
  counterparties!: Int32Array;
  private built = false;

  constructor(capacity = 1024) {
    this.from = new Int32Array(capacity);
    this.to = new Int32Array(capacity);
    this.amount = new Float64Array(capacity);
    this.at = new Float64Array(capacity);
    this.channel = new Uint8Array(capacity);
  }

  account(key: string): number {
    let id = this.idOf.get(key);
    if (id === undefined) {
      id = this.accounts.length;
      this.accounts.push(key);
      this.idOf.set(key, id);
    }
    return id;
  }

  private grow(): void {
    const cap = this.from.length * 2;
    const g = <T extends Int32Array | Float64Array | Uint8Array>(a: T, C: new (n: number) => T): T => {
      const b = new C(cap);
      b.set(a);
      return b;
    };
    this.from = g(this.from, Int32Array);
    this.to = g(this.to, Int32Array);
    this.amount = g(this.amount, Float64Array);
    this.at = g(this.at, Float64Array);
    this.channel = g(this.channel, Uint8Array);
  }

  /** Adds by account ids (fast path for generators); amount in cents. */
  addIds(from: number, to: number, amountCents: number, at: number, channel = 0): void {
    if (this.count === this.from.length) this.grow();
    const i = this.count++;
    this.from[i] = from;
    this.to[i] = to;
    this.amount[i] = amountCents;
    this.at[i] = at;
    this.channel[i] = channel;
    this.built = false;
  }

  add(t: TxInput): void {
    this.addIds(
      this.account(t.from),
      this.account(t.to),
      Math.round(t.amount * 100),
      t.at,
      TX_CHANNELS.indexOf(t.channel ?? 'transfer'),
    );
  }

  /** Builds the per-account time-sorted lists. Must be called after adding and before tracing. */
  build(): this {
    const n = this.accounts.length,
      m = this.count;
    // order of transactions by time (stable); skip the sort when already in time order (generators, statements)
    let order: Int32Array | null = null;
    for (let i = 1; i < m; i++)
      if (this.at[i]! < this.at[i - 1]!) {
        order = new Int32Array(m);
        break;
      }
    if (order) {
      const idx = Array.from({ length: m }, (_, i) => i);
      idx.sort((a, b) => this.at[a]! - this.at[b]! || a - b);
      order.set(idx);
    }
    const bucket = (key: Int32Array): [Int32Array, Int32Array] => {
      const off = new Int32Array(n + 1);
      for (let i = 0; i < m; i++) off[key[i]! + 1]!++;
      for (let v = 0; v < n; v++) off[v + 1]! += off[v]!;
      const fill = off.slice(0, n);
      const list = new Int32Array(m);
      for (let j = 0; j < m; j++) {
        const i = order ? order[j]! : j;
        list[fill[key[i]!]!++] = i;
      }
      return [off, list];
    };
    [this.outOff, this.outTx] = bucket(this.from);
    [this.inOff, this.inTx] = bucket(this.to);
    const cp = new Int32Array(n);
    const seen = new Int32Array(n).fill(-1);
    for (let v = 0; v < n; v++) {
      let c = 0;
      for (let p = this.outOff[v]!; p < this.outOff[v + 1]!; p++) {
        const w = this.to[this.outTx[p]!]!;
        if (seen[w] !== v) {
          seen[w] = v;
          c++;
        }
      }
      for (let p = this.inOff[v]!; p < this.inOff[v + 1]!; p++) {
        const w = this.from[this.inTx[p]!]!;
        if (seen[w] !== v) {
          seen[w] = v;
          c++;
        }
      }
      cp[v] = c;
    }
    this.counterparties = cp;
    this.built = true;
    return this;
  }

  get isBuilt(): boolean {
    return this.built;
  }

  /** First position in list[lo..hi) whose transaction time is ≥ t (binary search). */
  lowerBound(list: Int32Array, lo: number, hi: number, t: number): number {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.at[list[mid]!]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export type Attribution = 'lifo' | 'proportional';

export interface TraceOptions {
  depth: number;
  rule: Attribution;
  /** Accounts with more distinct counterparties are hubs: traced into, not through. */
  hubCounterparties?: number;
  /** Follow money at most this long after it arrived in an account (ms). */
  holdWindow?: number;
  /** Ignore tainted shares below this many cents. */
  minCents?: number;
  /** Opening balance (cents) of accounts before the first traced arrival when the statement gives none. */
  openingBalance?: (account: number) => number;
}

export interface FlowNode {
  account: string;
  level: number;
  inflow: number;
  outflow: number;
  balance?: number;
  cashOut?: boolean;
  hub?: boolean;
  note?: string;
}
export interface FlowEdge {
  from: string;
  to: string;
  amount: number;
  count: number;
  firstAt: number;
  lastAt: number;
  channel?: TxChannel;
}
export interface FlowResult {
  rule: Attribution;
  nodes: FlowNode[];
  edges: FlowEdge[];
  notes: string[];
  cashedOut: number;
  traced: number;
}

interface Arrival {
  at: number;
  cents: number;
  /** the recorded transaction that brought it, -1 for a case payment */ tx: number;
}

/**
 * Traces `sources` (payments into level-1 accounts) forward, level by level. Amounts in the result are yuan.
 * inflow/outflow are the tainted amounts in and out of each account; balance the tainted amount still there.
 */
export function traceFlow(
  store: TxStore,
  sources: { account: string; at: number; amount: number }[],
  opts: TraceOptions,
): FlowResult {
  if (!store.isBuilt) store.build();
  const hubCap = opts.hubCounterparties ?? 200;
  const hold = opts.holdWindow ?? 30 * 86_400_000;
  const minCents = opts.minCents ?? 100;
  const notes: string[] = [];
  const nodes = new Map<
    number,
    { level: number; inCents: number; outCents: number; cashOut: boolean; hub: boolean; note?: string }
  >();
  const edges = new Map<
    string,
    { from: number; to: number; cents: number; count: number; firstAt: number; lastAt: number; channel: number }
  >();
  let pending = new Map<number, Arrival[]>();
  let sourceCents = 0;
  for (const s of sources) {
    const id = store.idOf.get(s.account);
    const cents = Math.round(s.amount * 100);
    sourceCents += cents;
    if (id === undefined) {
      notes.push(`no statement for ${s.account}`);
      nodes.set(-1 - nodes.size, { level: 1, inCents: cents, outCents: 0, cashOut: false, hub: false });
      continue;
    }
    const list = pending.get(id) ?? [];
    list.push({ at: s.at, cents, tx: -1 });
    pending.set(id, list);
  }
  const unknownNames = new Map<number, string>();
  for (const s of sources) if (!store.idOf.has(s.account)) unknownNames.set(-unknownNames.size - 1, s.account);
  let cashedOut = 0;
  for (let level = 1; level <= opts.depth && pending.size > 0; level++) {
    const next = new Map<number, Arrival[]>();
    for (const [acct, arrivals] of pending) {
      arrivals.sort((a, b) => a.at - b.at);
      let node = nodes.get(acct);
      const tainted = arrivals.reduce((s, a) => s + a.cents, 0);
      if (!node) {
        node = { level, inCents: 0, outCents: 0, cashOut: false, hub: false };
        nodes.set(acct, node);
      }
      node.inCents += tainted;
      if (store.counterparties[acct]! > hubCap) {
        node.hub = true;
        node.note = `hub: ${store.counterparties[acct]} counterparties (cap ${hubCap}); not followed`;
        continue;
      }
      if (level === opts.depth) continue; // the last level is shown, not expanded
      const outs = distribute(
        store,
        acct,
        arrivals,
        opts.rule,
        hold,
        opts.openingBalance?.(acct) ?? balanceBefore(store, acct, arrivals[0]!.at),
      );
      for (const o of outs) {
        if (o.cents < minCents) continue;
        const tx = o.tx;
        const to = store.to[tx]!;
        node.outCents += o.cents;
        const key = `${acct}>${to}`;
        const e = edges.get(key);
        const at = store.at[tx]!;
        if (e) {
          e.cents += o.cents;
          e.count++;
          e.firstAt = Math.min(e.firstAt, at);
          e.lastAt = Math.max(e.lastAt, at);
        } else
          edges.set(key, {
            from: acct,
            to,
            cents: o.cents,
            count: 1,
            firstAt: at,
            lastAt: at,
            channel: store.channel[tx]!,
          });
        if (CASH_OUT.has(store.channel[tx]!)) {
          cashedOut += o.cents;
          let cn = nodes.get(to);
          if (!cn) {
            cn = { level: level + 1, inCents: 0, outCents: 0, cashOut: true, hub: false };
            nodes.set(to, cn);
          }
          cn.cashOut = true;
          cn.inCents += o.cents;
          continue;
        }
        const l = next.get(to) ?? [];
        l.push({ at, cents: o.cents, tx });
        next.set(to, l);
      }
    }
    pending = next;
  }
  // accounts reached at the last level that were not expanded keep their tainted inflow as balance
  const name = (id: number) => (id >= 0 ? store.accounts[id]! : (unknownNames.get(id) ?? String(id)));
  const outNodes: FlowNode[] = [...nodes]
    .map(([id, n]) => {
      const node: FlowNode = { account: name(id), level: n.level, inflow: n.inCents / 100, outflow: n.outCents / 100 };
      if (!n.cashOut) node.balance = Math.max(0, n.inCents - n.outCents) / 100;
      if (n.cashOut) node.cashOut = true;
      if (n.hub) {
        node.hub = true;
        node.note = n.note!;
      }
      return node;
    })
    .sort((a, b) => a.level - b.level || b.inflow - a.inflow);
  const outEdges: FlowEdge[] = [...edges.values()]
    .map((e) => ({
      from: name(e.from),
      to: name(e.to),
      amount: e.cents / 100,
      count: e.count,
      firstAt: e.firstAt,
      lastAt: e.lastAt,
      channel: TX_CHANNELS[e.channel]!,
    }))
    .sort((a, b) => b.amount - a.amount);
  notes.push(
    opts.rule === 'lifo'
      ? 'attribution: last-in-first-out (the newest money leaves first)'
      : 'attribution: proportional (each outflow carries the tainted share of the balance)',
  );
  return {
    rule: opts.rule,
    nodes: outNodes,
    edges: outEdges,
    notes,
    cashedOut: cashedOut / 100,
    traced: sourceCents / 100,
  };
}

/** The account's balance (cents) just before t from its recorded history (statements start at zero), never < 0. */
export function balanceBefore(store: TxStore, acct: number, t: number): number {
  let b = 0;
  const { inOff, inTx, outOff, outTx, at, amount } = store;
  for (let p = inOff[acct]!; p < inOff[acct + 1]! && at[inTx[p]!]! < t; p++) b += amount[inTx[p]!]!;
  for (let p = outOff[acct]!; p < outOff[acct + 1]! && at[outTx[p]!]! < t; p++) b -= amount[outTx[p]!]!;
  return Math.max(0, b);
}

/**
 * Walks one account's in- and outflows in time order from the first tainted arrival and returns the tainted part
 * of each outflow. Arrivals are the tainted inflows (they may coincide with recorded inflows to this account:
 * those are matched by time and amount and not counted twice).
 */
export function distribute(
  store: TxStore,
  acct: number,
  arrivals: Arrival[],
  rule: Attribution,
  hold: number,
  opening: number,
): { tx: number; cents: number }[] {
  const t0 = arrivals[0]!.at;
  const lastTaintedIn = arrivals[arrivals.length - 1]!.at;
  const tEnd = arrivals[arrivals.length - 1]!.at + hold;
  const { inOff, inTx, outOff, outTx, at, amount } = store;
  let pi = store.lowerBound(inTx, inOff[acct]!, inOff[acct + 1]!, t0);
  const piEnd = inOff[acct + 1]!;
  let po = store.lowerBound(outTx, outOff[acct]!, outOff[acct + 1]!, t0);
  const poEnd = outOff[acct + 1]!;
  // case payments (tx -1) are matched to a recorded inflow of equal time and amount when there is one
  const external = arrivals.filter((a) => a.tx < 0);
  const taintOfTx = new Map<number, number>();
  for (const a of arrivals) if (a.tx >= 0) taintOfTx.set(a.tx, (taintOfTx.get(a.tx) ?? 0) + a.cents);
  let ai = 0;
  const out: { tx: number; cents: number }[] = [];
  // LIFO: a stack of lots; proportional: totals
  const lots: { cents: number; tainted: boolean }[] = opening > 0 ? [{ cents: opening, tainted: false }] : [];
  let balance = opening,
    taint = 0;
  const credit = (cents: number, tainted: boolean) => {
    if (cents <= 0) return;
    if (rule === 'lifo') lots.push({ cents, tainted });
    balance += cents;
    if (tainted) taint += cents;
  };
  const extKey = new Map<string, number>();
  for (const a of external) {
    const k = `${a.at}|${a.cents}`;
    extKey.set(k, (extKey.get(k) ?? 0) + 1);
  }
  while (true) {
    const tIn = pi < piEnd ? at[inTx[pi]!]! : Infinity;
    const tA = ai < external.length ? external[ai]!.at : Infinity;
    const tOut = po < poEnd ? at[outTx[po]!]! : Infinity;
    const tMin = Math.min(tIn, tA, tOut);
    if (tMin === Infinity || tMin > tEnd) break;
    if (taint <= 0 && ai >= external.length && tMin > lastTaintedIn) break;
    // credits before debits at the same instant: money must arrive to leave
    if (tA <= tIn && tA <= tOut) {
      credit(external[ai]!.cents, true);
      ai++;
      continue;
    }
    if (tIn <= tOut) {
      const tx = inTx[pi++]!;
      const k = `${at[tx]}|${amount[tx]}`;
      const c = extKey.get(k);
      if (c) {
        extKey.set(k, c - 1);
        continue;
      } // the case payment already credited
      const tainted = Math.min(amount[tx]!, taintOfTx.get(tx) ?? 0);
      credit(amount[tx]! - tainted, false);
      credit(tainted, true);
      continue;
    }
    const tx = outTx[po++]!;
    let need = amount[tx]!;
    let tainted = 0;
    if (rule === 'proportional') {
      if (balance > 0) tainted = Math.min(taint, need * Math.min(1, taint / balance));
      balance = Math.max(0, balance - need);
      taint = Math.max(0, taint - tainted);
      if (taint > balance) taint = balance;
    } else {
      while (need > 0 && lots.length > 0) {
        const top = lots[lots.length - 1]!;
        const take = Math.min(top.cents, need);
        if (top.tainted) tainted += take;
        top.cents -= take;
        need -= take;
        if (top.cents <= 0) lots.pop();
      }
      balance = Math.max(0, balance - amount[tx]!);
      taint -= tainted;
    }
    if (tainted > 0) out.push({ tx, cents: Math.round(tainted) });
  }
  return out;
}
