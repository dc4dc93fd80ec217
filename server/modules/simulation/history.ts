// The demo city's past: the same city (seed, people, grids) played over the days before the live demo starts, its
// fraud campaigns only (no background traffic, so it is fast), reduced to what the victims who lost money told
// 96110 — when, how much to which account, and the gang's identifiers they met (the numbers that called or texted
// them, the sites they opened, the app they installed). Recorded as cases at start, these give 串并案 and the gangs
// page the history a real city has: victims of one gang share its mule accounts, phones and URLs. Pure and
// deterministic: same options → same reports.
import { createSimulation } from './generate.ts';
import { isoCst } from './emit.ts';
import type { Person } from './population.ts';

export interface HistoryReport {
  reportedAt: string;
  victim: { name: string; phone: string; idNumber: string };
  fraudType: string;
  losses: { at: string; amount: number; toAccount?: string }[];
  /** the gang's identifiers this victim met, as a victim reports them */
  identifiers: { kind: 'phone' | 'url' | 'app'; value: string }[];
  reference: string;
  /** the simulator's gang (ground truth, for tests and logs; not sent to the cases module) */
  gang: string;
}

export interface HistoryOptions {
  seed: number;
  people: number;
  /** days of history, ending at `end` */
  days: number;
  /** epoch ms: the history ends here (the live demo's start) */
  end: number;
  grids?: readonly string[];
  /** campaigns per 1,000 people per month (default 30) */
  targetsPer1000?: number;
}

const DAY = 86_400_000;

export function demoCaseHistory(o: HistoryOptions): { population: Person[]; reports: HistoryReport[] } {
  const start = o.end - o.days * DAY;
  const sim = createSimulation({
    seed: o.seed,
    people: o.people,
    days: o.days,
    start: isoCst(start),
    targetsPer1000: o.targetsPer1000 ?? 30,
    background: false,
    ...(o.grids?.length ? { grids: o.grids } : {}),
  });
  const gangs = new Map(sim.truth.gangs.map((g) => [g.id, g]));
  const victims = sim.truth.victims.filter((v) => v.lost && v.losses.some((l) => l.toAccount));
  const byPhone = new Map(victims.map((v) => [v.phone, v]));
  const met = new Map<string, Map<string, { kind: 'phone' | 'url' | 'app'; value: string }>>();
  const note = (phone: string, kind: 'phone' | 'url' | 'app', value: string) => {
    const m = met.get(phone) ?? met.set(phone, new Map()).get(phone)!;
    m.set(`${kind}:${value}`, { kind, value });
  };
  for (const day of sim.days())
    for (const { ev } of day.events) {
      const phone = (ev.subject as { phone?: string } | undefined)?.phone;
      const v = phone ? byPhone.get(phone) : undefined;
      if (!v) continue;
      const g = gangs.get(v.gang);
      if (!g) continue;
      if ((ev.type === 'call' || ev.type === 'sms') && g.phones.includes(ev.peer)) note(v.phone, 'phone', ev.peer);
      else if (ev.type === 'url_visit' && ev.url && g.domains.some((d) => ev.url!.includes(d)))
        note(v.phone, 'url', ev.url);
      else if (ev.type === 'app_install' && ev.package && g.apps.includes(ev.package)) note(v.phone, 'app', ev.package);
    }
  const reports = victims
    .map((v) => {
      const last = Math.max(...v.losses.map((l) => Date.parse(l.at)));
      const p = sim.population[v.person]!;
      return {
        reportedAt: isoCst(Math.min(last + 30 * 60_000, o.end - 60_000)),
        victim: { name: p.name, phone: v.phone, idNumber: v.idNumber },
        fraudType: v.fraudType,
        losses: v.losses,
        identifiers: [...(met.get(v.phone)?.values() ?? [])].slice(0, 50),
        reference: `demo-history-${o.seed}-${v.person}`,
        gang: v.gang,
      };
    })
    .sort((a, b) => (a.reportedAt < b.reportedAt ? -1 : a.reportedAt > b.reportedAt ? 1 : 0));
  return { population: sim.population, reports };
}
