// The simulated city lets a campaign lower the victimisation of the residents it reaches (simulation
// `protection`); the effect computed here the way the campaign page computes it — targeted vs holdout drawn at
// launch, Newcombe 95 % interval — must then be negative, and without protection it must not be.
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../simulation/index.ts';
import { campaignEffect, inHoldout } from './effect.ts';

function run(reachedEscape: number) {
  const campaignId = 'sim-campaign-1';
  const o = { seed: 7, people: 6000, days: 30, background: false, targetsPer1000: 150 };
  const population = createSimulation(o).population;
  // the group: everyone aged 41–65; 20 % holdout; the target arm is reached (SMS sent, door visit)
  const group = new Set(population.filter((p) => p.age >= 41 && p.age <= 65).map((p) => p.index));
  const arm = (i: number) => (inHoldout(campaignId, String(i), 0.2) ? 'holdout' : 'target');
  const sim = createSimulation({
    ...o,
    protection: (p) => (group.has(p.index) && arm(p.index) === 'target' ? reachedEscape : 0),
  });
  const victims = new Set(sim.truth.victims.filter((v) => v.lost).map((v) => v.person));
  const count = (a: string) => {
    const members = [...group].filter((i) => arm(i) === a);
    return { people: members.length, victims: members.filter((i) => victims.has(i)).length };
  };
  return campaignEffect(count('target'), count('holdout'))!;
}

describe('campaign effect on the simulated city', () => {
  it('is negative for the targeted group vs the holdout when a campaign reaches them', () => {
    const e = run(0.7);
    expect(e.target.people).toBeGreaterThan(1000);
    expect(e.holdout.victims).toBeGreaterThan(0);
    expect(e.difference).toBeLessThan(0);
    expect(e.ci95[1]).toBeLessThan(0);
    expect(e.significant).toBe(true);
  });
  it('shows no significant effect when the campaign changes nothing', () => {
    const e = run(0);
    expect(e.significant).toBe(false);
  });
});
