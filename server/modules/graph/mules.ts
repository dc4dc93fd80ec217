// Mule-account scoring (跑分 / 卡农) over a TxStore. Pure: no I/O.
// Signals, each with its reason: fan-in from several victims / cases; fan-in then fan-out; pass-through (money
// out within hours of arriving, balance kept low); structuring (several transfers to or from one counterparty in
// one short window — amounts split to stay under a bank's alert limit, a classic money-laundering sign); many
// counterparties. The score is 0..100; a threshold decides who is flagged.
import { TxStore } from './flow.ts';

export interface MuleOptions {
  /** Pass-through window: out within this long after in (same unit as the transaction times). */
  passWindow: number;
  /** Structuring window: transfers between the same pair within this long count as one burst. */
  burstWindow: number;
  /** Minimum transfers in one burst. */
  burstMin?: number;
  /** Accounts known to be victims' (their outgoing payments are case payments). */
  victimOf?: (account: number) => string | undefined;
  /** Case ids a transaction into an account belongs to (payments of recorded cases). */
  casesOfTx?: (tx: number) => readonly string[] | undefined;
  /** Counterparties above which "many counterparties" fires. */
  manyCounterparties?: number;
  minScore?: number;
  /**
   * Guilt by association, a second pass: an account not flagged on its own that transacts with at least
   * `minNeighbours` distinct accounts flagged on their own (score ≥ `seedScore`, default 50) scores
   * `score + 5 × (k − minNeighbours)` (at most score + 15) more. Off unless given.
   */
  propagate?: { minNeighbours: number; score: number; seedScore?: number };
}

export interface MuleScore {
  account: string;
  score: number;
  reasons: string[];
  cases: string[];
}

export function scoreMules(store: TxStore, opts: MuleOptions): MuleScore[] {
  if (!store.isBuilt) store.build();
  const n = store.accounts.length;
  const burstMin = opts.burstMin ?? 2;
  const many = opts.manyCounterparties ?? 50;
  const minScore = opts.minScore ?? 50;
  const { inOff, inTx, outOff, outTx, from, to, at, amount } = store;
  const out: MuleScore[] = [];
  const scores = new Int16Array(n);
  const kept: (MuleScore | null)[] = opts.propagate ? new Array<MuleScore | null>(n).fill(null) : [];
  const lastBurstSeen = new Map<number, number>();
  for (let v = 0; v < n; v++) {
    const inN = inOff[v + 1]! - inOff[v]!;
    const outN = outOff[v + 1]! - outOff[v]!;
    if (inN + outN === 0) continue;
    let score = 0;
    const reasons: string[] = [];
    const cases = new Set<string>();
    // fan-in from victims / cases
    const victims = new Set<string>();
    if (opts.victimOf || opts.casesOfTx) {
      for (let p = inOff[v]!; p < inOff[v + 1]!; p++) {
        const tx = inTx[p]!;
        const vic = opts.victimOf?.(from[tx]!);
        if (vic) victims.add(vic);
        for (const c of opts.casesOfTx?.(tx) ?? []) cases.add(c);
      }
      const k = Math.max(victims.size, cases.size);
      if (k >= 2) {
        score += Math.min(60, 25 + 10 * k);
        reasons.push(`fan-in from ${k} victims/cases`);
      } else if (k === 1) {
        score += 15;
        reasons.push('received a victim payment');
      }
    }
    // structuring bursts: ≥ burstMin transfers with one counterparty within burstWindow, in either direction
    let bursts = 0;
    const burstCp = new Set<number>();
    const scan = (off: Int32Array, list: Int32Array, other: Int32Array) => {
      lastBurstSeen.clear();
      const runStart = new Map<number, { t: number; k: number }>();
      for (let p = off[v]!; p < off[v + 1]!; p++) {
        const tx = list[p]!;
        const w = other[tx]!;
        const r = runStart.get(w);
        if (r && at[tx]! - r.t <= opts.burstWindow) {
          r.k++;
          if (r.k === burstMin) {
            bursts++;
            burstCp.add(w);
          }
        } else runStart.set(w, { t: at[tx]!, k: 1 });
      }
    };
    scan(inOff, inTx, from);
    scan(outOff, outTx, to);
    if (bursts > 0) {
      score += Math.min(70, 55 + 5 * (bursts - 1));
      reasons.push(`structuring: ${bursts} burst(s) of split transfers with ${burstCp.size} counterparty(ies)`);
    }
    // pass-through: share of inflow that leaves within passWindow
    let inSum = 0,
      passSum = 0;
    if (inN > 0 && outN > 0) {
      let po = outOff[v]!;
      const poEnd = outOff[v + 1]!;
      for (let p = inOff[v]!; p < inOff[v + 1]!; p++) {
        const tx = inTx[p]!;
        inSum += amount[tx]!;
        const t = at[tx]!;
        while (po < poEnd && at[outTx[po]!]! < t) po++;
        let q = po,
          left = amount[tx]!;
        while (q < poEnd && at[outTx[q]!]! <= t + opts.passWindow && left > 0) {
          left -= amount[outTx[q]!]!;
          q++;
        }
        passSum += amount[tx]! - Math.max(0, left);
      }
    }
    const inDistinct = countDistinct(store, inOff, inTx, from, v);
    const outDistinct = countDistinct(store, outOff, outTx, to, v);
    if (inSum > 0 && passSum / inSum >= 0.8 && inN >= 3) {
      score += 20;
      reasons.push(`pass-through: ${Math.round((100 * passSum) / inSum)}% of inflow left within the window`);
    }
    if (inDistinct >= 3 && outDistinct >= 3 && inSum > 0 && passSum / inSum >= 0.5) {
      score += 10;
      reasons.push(`fan-in from ${inDistinct} then fan-out to ${outDistinct}`);
    }
    if (inDistinct + outDistinct >= many) {
      score += 10;
      reasons.push(`${inDistinct + outDistinct} counterparties`);
    }
    score = Math.min(100, score);
    scores[v] = score;
    if (opts.propagate)
      kept[v] = score > 0 ? { account: store.accounts[v]!, score, reasons, cases: [...cases].sort() } : null;
    else if (score >= minScore) out.push({ account: store.accounts[v]!, score, reasons, cases: [...cases].sort() });
  }
  if (opts.propagate) {
    const { minNeighbours, score: base, seedScore = 50 } = opts.propagate;
    const seen = new Set<number>();
    for (let v = 0; v < n; v++) {
      let m = kept[v];
      if (scores[v]! < seedScore) {
        seen.clear();
        for (let p = inOff[v]!; p < inOff[v + 1]!; p++)
          if (scores[from[inTx[p]!]!]! >= seedScore) seen.add(from[inTx[p]!]!);
        for (let p = outOff[v]!; p < outOff[v + 1]!; p++)
          if (scores[to[outTx[p]!]!]! >= seedScore) seen.add(to[outTx[p]!]!);
        seen.delete(v);
        const k = seen.size;
        if (k >= minNeighbours) {
          m ??= { account: store.accounts[v]!, score: 0, reasons: [], cases: [] };
          m.score = Math.min(100, m.score + base + Math.min(15, 5 * (k - minNeighbours)));
          m.reasons.push(`transacts with ${k} accounts flagged on their own`);
        }
      }
      if (m && m.score >= minScore) out.push(m);
    }
  }
  return out.sort((a, b) => b.score - a.score || (a.account < b.account ? -1 : 1));
}

function countDistinct(store: TxStore, off: Int32Array, list: Int32Array, other: Int32Array, v: number): number {
  const s = new Set<number>();
  for (let p = off[v]!; p < off[v + 1]!; p++) s.add(other[list[p]!]!);
  void store;
  return s.size;
}
