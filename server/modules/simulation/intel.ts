// The centre's intelligence loop, as the evaluation models it: a victim reports to 96110 (the `report` event,
// with the numbers, links, app and accounts the victim met); after the analysts' 研判 (a configurable delay) those
// identifiers go on the block lists, so the gang's next victims meet listed numbers, accounts, domains and apps.
// Only what a reporting victim saw becomes known: a gang's unseen numbers stay unknown, and victims who never
// report give nothing. Pure: the evaluation asks it, event by event, what has become known by then.
import type { SimEvent } from './emit.ts';
import type { GangTruth, VictimTruth } from './campaigns.ts';
import type { GroundTruth } from './generate.ts';

export type LearnedKind = 'phone' | 'account' | 'domain' | 'app_package';
export interface LearnedIndicator {
  kind: LearnedKind;
  value: string;
  /** the reporting victim's fraud type, as the analyst classifies the case */
  fraudType: string;
  /** when it went on the list (epoch ms): report time + delay */
  at: number;
  /** the report it came from, for the indicator's reason */
  reportId: string;
}

export interface IntelStats {
  reports: number;
  indicators: number;
}

export class IntelligenceLoop {
  private readonly victims: Map<string, VictimTruth>;
  private readonly gangs: Map<string, GangTruth>;
  private readonly pending: LearnedIndicator[] = [];
  private readonly listed = new Set<string>();
  readonly stats: IntelStats = { reports: 0, indicators: 0 };

  constructor(
    truth: GroundTruth,
    readonly delayMs: number,
  ) {
    if (!(delayMs >= 0)) throw new Error('the intelligence delay must be ≥ 0');
    this.victims = new Map(truth.victims.map((v) => [v.phone, v]));
    this.gangs = new Map(truth.gangs.map((g) => [g.id, g]));
  }

  /** Call for every event in time order; a victim's 96110 report schedules what it names. */
  observe(ev: SimEvent, t: number): void {
    if (ev.type !== 'report') return;
    const v = this.victims.get(ev.subject.phone ?? '');
    const g = v && this.gangs.get(v.gang);
    if (!v || !g) return;
    this.stats.reports++;
    const at = t + this.delayMs;
    const add = (kind: LearnedKind, value: string) => {
      const key = `${kind}:${value}`;
      if (this.listed.has(key)) return; // already known from an earlier report
      this.listed.add(key);
      this.pending.push({ kind, value, fraudType: v.fraudType, at, reportId: ev.id });
    };
    for (const peer of ev.peers ?? []) {
      if (g.phones.includes(peer)) add('phone', peer);
      else if (g.accounts.includes(peer)) add('account', peer);
      else if (g.apps.includes(peer)) add('app_package', peer);
      else {
        const host = hostOf(peer);
        if (host && g.domains.includes(host)) add('domain', host);
      }
    }
    // the bank records taken at the report name every account the money went to, mentioned or not
    for (const l of v.losses) if (l.toAccount && Date.parse(l.at) <= t) add('account', l.toAccount);
  }

  /** The indicators whose time has come by `t` (each returned once). Reports arrive in time order and the delay
   * is fixed, so `pending` is already sorted by `at`. */
  due(t: number): LearnedIndicator[] {
    let n = 0;
    while (n < this.pending.length && this.pending[n]!.at <= t) n++;
    if (n === 0) return [];
    const out = this.pending.splice(0, n);
    this.stats.indicators += out.length;
    return out;
  }
}

function hostOf(s: string): string | null {
  if (!/^https?:\/\//i.test(s)) return null;
  try {
    return new URL(s).hostname.toLowerCase();
  } catch {
    return null;
  }
}
