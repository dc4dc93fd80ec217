// --demo: a campaign launched three weeks ago (backdated) to the 41–65-year-olds of the demo city against 投资理财
// fraud, with its holdout drawn at launch, SMS and door-to-door reaching the target arm; the simulated city then
// plays those three weeks with reached residents harder to defraud (simulation `protection`), and the victims who
// report become cases — so the campaign page shows coverage and an effect against the holdout at start.
import { count, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { units } from '../org/schema.ts';
import { createSimulation, FRAUD_SCRIPTS, type Person } from '../simulation/index.ts';
import { residentsByIds } from '../residents/index.ts';
import { launchCampaign } from './campaigns.ts';
import { preventionCampaigns } from './schema.ts';
import * as repo from './repository.ts';

const DAY = 86_400_000;
export const DEMO_CAMPAIGN_TYPE = 'fake_investment';
/** Probability that a reached resident escapes a gang's pick in the demo city. */
export const DEMO_REACHED_ESCAPE = 0.7;

export interface DemoCampaignDeps {
  seed?: number;
  people?: number;
  grids?: readonly string[];
  register: (people: Person[]) => Promise<unknown>;
  reportCase: (r: {
    reportedAt: string;
    victim: { name: string; phone: string; idNumber: string };
    fraudType: string;
    losses: { at: string; amount: number; toAccount?: string }[];
    reference: string;
  }) => Promise<unknown>;
  now?: Date;
}

export async function loadDemoCampaign(db: Db, d: DemoCampaignDeps): Promise<{ id: string; cases: number } | null> {
  const [c] = await db.select({ n: count() }).from(preventionCampaigns);
  if ((c?.n ?? 0) > 0) return null;
  const [city] = await db.select().from(units).where(eq(units.kind, 'city')).limit(1);
  if (!city) return null;
  const now = d.now ?? new Date();
  const launchedAt = new Date(now.getTime() - 21 * DAY);
  const base = { seed: d.seed ?? 1, people: d.people ?? 2000, ...(d.grids?.length ? { grids: d.grids } : {}) };
  // the live city's residents (same seed, people and grids as simulation/live.ts), so the campaign has a group
  const population = createSimulation({ ...base, days: 1, background: false }).population;
  await d.register(population);
  const launched = await launchCampaign(
    db,
    { ...SYSTEM_ACTOR, name: '演示：市反诈中心' },
    {
      unitId: city.id,
      fraudType: DEMO_CAMPAIGN_TYPE,
      ageBand: '41_65',
      text: '【河池反诈】“导师带单、内部消息、稳赚不赔”的投资群都是诈骗，陌生人拉你投资请拨96110核实',
      channels: ['sms', 'door', 'wechat'],
      holdoutShare: 0.2,
      dailyCap: 100_000,
    },
    () => launchedAt,
  );
  // the launch-day SMS batch of the demo (no SMSC then): every target member with a phone was sent the text
  const targets = await repo.pendingTargets(db, launched.id, 100_000);
  for (const m of targets)
    await repo.setOutcome(db, launched.id, m.residentId, m.phone ? 'sent' : 'no_phone', launchedAt, 'demo');
  const reachedPhones = new Set(
    (
      await residentsByIds(
        db,
        targets.filter((m) => m.phone).map((m) => m.residentId),
      )
    ).map((r) => r.phone),
  );
  // three weeks of the city since launch (the same seed: the same residents): investment-fraud gangs at work, reached residents escape more often
  const sim = createSimulation({
    ...base,
    days: 21,
    start: launchedAt.toISOString(),
    background: false,
    targetsPer1000: 250,
    scripts: FRAUD_SCRIPTS.filter((s) => s.code === DEMO_CAMPAIGN_TYPE),
    protection: (p) => (reachedPhones.has(p.phone) ? DEMO_REACHED_ESCAPE : 0),
  });
  let cases = 0;
  for (const v of sim.truth.victims) {
    if (!v.lost || !v.losses.some((l) => l.toAccount)) continue;
    const last = Math.max(...v.losses.map((l) => Date.parse(l.at)));
    if (last + 30 * 60_000 > now.getTime()) continue;
    const p = sim.population[v.person]!;
    await d.reportCase({
      reportedAt: new Date(last + 30 * 60_000).toISOString(),
      victim: { name: p.name, phone: v.phone, idNumber: v.idNumber },
      fraudType: v.fraudType,
      losses: v.losses,
      reference: `demo-campaign-${v.person}`,
    });
    cases++;
  }
  return { id: launched.id, cases };
}
