// Plays fraud scripts (fraud-types.ts) for chosen victims, producing the events partners would see and,
// separately, the ground truth of who was targeted and when money left.
import { Rng } from './prng.ts';
import { BANKS, FRAUD_TYPE_CASE_SHARES, VICTIM_AGE_BANDS } from './distributions.ts';
import { appInstall, bankAlert, call, isoCst, parcel, report, sms, tx, urlVisit, type Timed } from './emit.ts';
import { CHAT_APPS, DATING_APPS, makeGang, type Gang } from './gangs.ts';
import { SCREEN_SHARE_APPS } from './background.ts';
import type { Person } from './population.ts';
import type { FraudTypeScript, Range, Step } from './script-types.ts';

const MIN = 60_000;

export interface Loss {
  at: string;
  amount: number;
  kind: 'transfer' | 'cash';
  toAccount?: string;
}
export interface VictimTruth {
  person: number;
  phone: string;
  idNumber: string;
  accounts: string[];
  fraudType: string;
  gang: string;
  campaignStart: string;
  /** every victim here was targeted; `lost` says whether money left within the simulated window */
  lost: boolean;
  stoppedOnOwn: boolean;
  firstLossAt?: string;
  totalLoss: number;
  losses: Loss[];
}
export interface GangTruth {
  id: string;
  type: string;
  phones: string[];
  accounts: string[];
  domains: string[];
  apps: string[];
}

export interface CampaignPlan {
  events: Timed[];
  victims: VictimTruth[];
  gangs: GangTruth[];
}

export interface CampaignOptions {
  seed: number;
  people: readonly Person[];
  start: number; // epoch ms
  end: number;
  targets: number; // how many people are targeted in total
  scripts: readonly FraudTypeScript[];
  shares?: Record<string, number>;
  /** every type gets at least this many campaigns, so small cities still exercise each script */
  minPerType?: number;
  /**
   * Prevention (issue 13): the probability that a person a prevention campaign reached escapes when a gang picks
   * them (0 = no effect). Reached residents are victimised less, so a campaign's effect can be measured against its
   * holdout. Absent: the stream is unchanged.
   */
  protection?: (p: Person) => number;
}

export function planCampaigns(o: CampaignOptions): CampaignPlan {
  const rng = Rng.derive(o.seed, 'campaigns');
  const shares = o.shares ?? FRAUD_TYPE_CASE_SHARES;
  const total = o.scripts.reduce((s, t) => s + (shares[t.code] ?? 0), 0) || 1;
  const chooser = new VictimChooser(o.people, rng, o.protection);
  const out: CampaignPlan = { events: [], victims: [], gangs: [] };
  for (const script of o.scripts) {
    const count = Math.max(o.minPerType ?? 1, Math.round((o.targets * (shares[script.code] ?? 0)) / total));
    const gangs = Array.from({ length: Math.ceil(count / script.victimsPerGang) }, (_, i) => makeGang(rng, script, i));
    const used = new Set<Gang>();
    for (let i = 0; i < count; i++) {
      const victim = chooser.choose(script);
      if (!victim) break;
      const gang = gangs[i % gangs.length]!;
      used.add(gang);
      const t0 = o.start + Math.floor(rng.next() * (o.end - o.start) * 0.85);
      const truth = play(rng, script, gang, victim, t0, o.end, out.events);
      out.victims.push(truth);
    }
    for (const g of used) out.gangs.push(gangTruth(g));
  }
  return out;
}

function gangTruth(g: Gang): GangTruth {
  return {
    id: g.id,
    type: g.type,
    phones: Object.values(g.numbers).flat(),
    accounts: g.mules.map((m) => m.card),
    domains: g.domains,
    apps: [g.app.package],
  };
}

/** Picks victims so their ages follow VICTIM_AGE_BANDS (published), or the type's own ages/occupations. */
class VictimChooser {
  private taken = new Set<number>();
  private byAge = new Map<number, Person[]>();
  constructor(
    private people: readonly Person[],
    private rng: Rng,
    private protection?: (p: Person) => number,
  ) {
    for (const p of people) {
      const list = this.byAge.get(p.age) ?? [];
      list.push(p);
      this.byAge.set(p.age, list);
    }
  }
  choose(script: FraudTypeScript): Person | undefined {
    for (let attempt = 0; attempt < 50; attempt++) {
      let pool: readonly Person[];
      if (script.occupations) pool = this.people.filter((p) => script.occupations!.includes(p.occupation));
      else {
        const band = script.ages
          ? { min: script.ages[0], max: script.ages[1] }
          : this.rng.weighted(VICTIM_AGE_BANDS, (b) => b.share);
        pool = this.byAge.get(this.rng.int(band.min, band.max)) ?? [];
      }
      if (pool.length === 0) continue;
      const p = this.rng.pick(pool);
      const escape = this.protection?.(p) ?? 0;
      if (escape > 0 && this.rng.chance(escape)) continue; // warned by a campaign: hangs up, tries no more
      if (!this.taken.has(p.index)) {
        this.taken.add(p.index);
        return p;
      }
    }
    return undefined;
  }
}

const between = (rng: Rng, r: Range) => rng.uniform(r[0], r[1]);

function play(rng: Rng, s: FraudTypeScript, g: Gang, p: Person, t0: number, end: number, out: Timed[]): VictimTruth {
  const acct = p.accounts[0]!;
  const truth: VictimTruth = {
    person: p.index,
    phone: p.phone,
    idNumber: p.idNumber,
    accounts: p.accounts.map((a) => a.card),
    fraudType: s.code,
    gang: g.id,
    campaignStart: isoCst(t0),
    lost: false,
    stoppedOnOwn: false,
    totalLoss: 0,
    losses: [],
  };
  const url = () => `https://${rng.pick(g.domains)}/${rng.letters(5)}`;
  const seenPeers = new Set<string>();
  let t = t0;
  let lastAmount = 0;
  const emit = (e: Timed) => {
    if (e.t < end) out.push(e);
  };
  const lose = (at: number, amount: number, kind: Loss['kind'], toAccount?: string) => {
    if (at >= end) return;
    const loss: Loss = { at: isoCst(at), amount: Math.round(amount * 100) / 100, kind };
    if (toAccount) loss.toAccount = toAccount;
    truth.losses.push(loss);
    truth.totalLoss = Math.round((truth.totalLoss + loss.amount) * 100) / 100;
    if (!truth.lost) {
      truth.lost = true;
      truth.firstLossAt = loss.at;
    }
  };
  for (const step of s.steps) {
    if (step.do === 'quit') {
      if (rng.chance(step.p)) {
        truth.stoppedOnOwn = true;
        break;
      }
      continue;
    }
    t += Math.round(between(rng, step.after) * MIN);
    if (t >= end) break;
    t = runStep(step);
  }
  return truth;

  function runStep(step: Exclude<Step, { do: 'quit' }>): number {
    switch (step.do) {
      case 'call': {
        const n = step.repeat ? rng.int(step.repeat[0], step.repeat[1]) : 1;
        for (let i = 0; i < n; i++) {
          const peer = rng.pick(g.numbers[step.from]);
          seenPeers.add(peer);
          const dur = between(rng, step.minutes) * 60;
          emit(call(t, p, peer, 'in', dur));
          t += Math.round(dur * 1000) + (i < n - 1 ? rng.int(6, 48) * 60 * MIN : 0);
        }
        return t;
      }
      case 'sms': {
        if (step.p !== undefined && !rng.chance(step.p)) return t;
        const peer = rng.pick(g.numbers[step.from]);
        seenPeers.add(peer);
        emit(sms(t, p, peer, step.text.replace('{url}', url()).replace('{app}', g.app.name)));
        return t;
      }
      case 'visit': {
        const u = url();
        seenPeers.add(u);
        emit(urlVisit(t, p, u));
        return t;
      }
      case 'install': {
        if (step.app === 'gang') {
          seenPeers.add(g.app.package);
          emit(appInstall(t, p, g.app.name, g.app.package, g.app.sha256));
        } else {
          const list = step.app === 'screen_share' ? SCREEN_SHARE_APPS : step.app === 'chat' ? CHAT_APPS : DATING_APPS;
          const [name, pkg] = rng.pick(list as readonly (readonly [string, string])[]);
          emit(appInstall(t, p, name, pkg));
        }
        return t;
      }
      case 'receive': {
        const m = rng.pick(g.mules);
        emit(
          tx(t, p, {
            account: acct,
            kind: 'transfer',
            channel: 'mobile',
            direction: 'in',
            amount: rng.logUniform(step.amount[0], step.amount[1]),
            peerAccount: m.card,
            peerName: m.name,
            peerBank: m.bankName,
          }),
        );
        return t;
      }
      case 'loan': {
        const n = step.repeat ? rng.int(step.repeat[0], step.repeat[1]) : 1;
        for (let i = 0; i < n; i++) {
          emit(
            tx(t, p, {
              account: acct,
              kind: 'loan',
              channel: 'mobile',
              direction: 'in',
              amount: Math.round(rng.logUniform(step.amount[0], step.amount[1]) / 100) * 100,
              peerName: rng.pick([
                '某消费金融公司',
                '某网贷平台',
                `${BANKS.find((b) => b.code === acct.bank)!.name}信用贷`,
              ]),
            }),
          );
          t += rng.int(5, 40) * MIN;
        }
        return t;
      }
      case 'pay': {
        const n = step.repeat ? rng.int(step.repeat[0], step.repeat[1]) : 1;
        let amount = rng.logUniform(step.amount[0], step.amount[1]);
        for (let i = 0; i < n; i++) {
          const m = rng.pick(g.mules);
          seenPeers.add(m.card);
          emit(
            tx(t, p, {
              account: acct,
              kind: 'transfer',
              channel: step.channel ?? 'mobile',
              direction: 'out',
              amount,
              peerAccount: m.card,
              peerName: m.name,
              peerBank: m.bankName,
            }),
          );
          lose(t, amount, 'transfer', m.card);
          lastAmount = amount;
          amount *= step.growth ?? 1;
          if (i < n - 1) t += rng.int(10, 360) * MIN;
        }
        return t;
      }
      case 'cash': {
        const amount = Math.round(rng.logUniform(step.amount[0], step.amount[1]) / 100) * 100;
        emit(tx(t, p, { account: acct, kind: 'withdrawal', channel: 'counter', direction: 'out', amount }));
        lose(t + 90 * MIN, amount, 'cash'); // handed to a courier shortly after
        lastAmount = amount;
        return t;
      }
      case 'alert': {
        const bank = BANKS.find((b) => b.code === acct.bank)!;
        if (rng.chance(step.p))
          emit(bankAlert(t, p, acct.bank, `${bank.name}河池分行营业部`, step.note, lastAmount || undefined));
        return t;
      }
      case 'parcel': {
        if (rng.chance(step.p)) emit(parcel(t, p, rng.pick(['sf', 'zto', 'yto']), step.contents, undefined, step.note));
        return t;
      }
      case 'report': {
        if (truth.lost && rng.chance(step.p)) emit(report(t, p, step.text, [...seenPeers]));
        return t;
      }
    }
  }
}
