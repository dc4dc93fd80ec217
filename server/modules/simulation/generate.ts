// The simulated city: population + background traffic + fraud campaigns, as a day-by-day, time-ordered stream
// of contract events, and the ground truth kept apart. Pure and deterministic: same options → same bytes.
import { Rng, hashSeed } from './prng.ts';
import { DEFAULT_GRIDS, DEFAULT_TARGETS_PER_1000_PER_MONTH } from './distributions.ts';
import { makePopulation, type Person } from './population.ts';
import { personDay } from './background.ts';
import { planCampaigns, type GangTruth, type VictimTruth } from './campaigns.ts';
import { FRAUD_SCRIPTS } from './fraud-types.ts';
import { isoCst, type SimEvent, type Timed } from './emit.ts';
import type { FraudTypeScript } from './script-types.ts';

export interface SimulationOptions {
  seed: number;
  people: number;
  days: number;
  /** ISO start of the simulated clock; default 2026-11-01T00:00:00+08:00 */
  start?: string;
  grids?: readonly string[];
  /** targeted people per 1,000 residents per 30 days (default DEFAULT_TARGETS_PER_1000_PER_MONTH) */
  targetsPer1000?: number;
  scripts?: readonly FraudTypeScript[];
  minPerType?: number;
  /** false = fraud only, no background traffic (for focused tests and demos) */
  background?: boolean;
  /** days of background-only traffic played before `start` (no campaign starts then): the history a real
   * centre already has — who calls whom, known payees — when the measured window begins. Default 0. */
  warmupDays?: number;
  /** prevention campaigns: the probability a reached person escapes a gang's pick (campaigns.ts) */
  protection?: (p: Person) => number;
}

export interface GroundTruth {
  seed: number;
  start: string;
  end: string;
  people: number;
  victims: VictimTruth[];
  gangs: GangTruth[];
}

export interface DayBatch {
  day: number;
  events: Timed[];
}

export interface Simulation {
  startMs: number;
  endMs: number;
  population: Person[];
  truth: GroundTruth;
  /** Events day by day, each day sorted by time, ids assigned; memory stays bounded by one day. */
  days(): Generator<DayBatch>;
}

export const DEFAULT_START = '2026-11-01T00:00:00+08:00';
const DAY = 86_400_000;

export function createSimulation(o: SimulationOptions): Simulation {
  if (!Number.isInteger(o.seed)) throw new Error('seed must be an integer');
  if (!(o.people > 0) || !(o.days > 0)) throw new Error('people and days must be positive');
  const startMs = Date.parse(o.start ?? DEFAULT_START);
  if (Number.isNaN(startMs)) throw new Error(`bad start time: ${o.start}`);
  const endMs = startMs + o.days * DAY;
  const warmup = o.warmupDays ?? 0;
  if (!(Number.isInteger(warmup) && warmup >= 0)) throw new Error('warmupDays must be a non-negative integer');
  const simStart = startMs - warmup * DAY;
  const totalDays = o.days + warmup;
  const grids = o.grids && o.grids.length > 0 ? o.grids : DEFAULT_GRIDS;
  const population = makePopulation(o.seed, o.people, grids, new Date(startMs));
  const rate = o.targetsPer1000 ?? DEFAULT_TARGETS_PER_1000_PER_MONTH;
  const targets = Math.round(((o.people * rate) / 1000) * (o.days / 30));
  const plan = planCampaigns({
    seed: o.seed,
    people: population,
    start: startMs,
    end: endMs,
    targets,
    scripts: o.scripts ?? FRAUD_SCRIPTS,
    minPerType: o.minPerType,
    protection: o.protection,
  });
  const fraudByDay = new Map<number, Timed[]>();
  for (const e of plan.events) {
    const d = Math.floor((e.t - simStart) / DAY);
    const list = fraudByDay.get(d) ?? [];
    list.push(e);
    fraudByDay.set(d, list);
  }
  const truth: GroundTruth = {
    seed: o.seed,
    start: isoCst(startMs),
    end: isoCst(endMs),
    people: o.people,
    victims: plan.victims,
    gangs: plan.gangs,
  };
  const background = o.background ?? true;
  // ids are idempotency keys at the server: a different city under the same seed must not collide with
  // this one, so they carry a fingerprint of every option that changes the stream
  const fp = hashSeed(
    o.seed,
    o.people,
    o.days,
    startMs,
    rate,
    background ? 1 : 0,
    o.minPerType ?? 1,
    grids.join(','),
    (o.scripts ?? FRAUD_SCRIPTS).map((x) => x.code).join(','),
    ...(warmup ? [warmup] : []),
  ).toString(36);

  function* days(): Generator<DayBatch> {
    const carry = new Map<number, Timed[]>();
    for (let d = 0; d < totalDays; d++) {
      const dayStart = simStart + d * DAY;
      const events: Timed[] = [];
      if (background) {
        const rng = Rng.derive(o.seed, 'background', d);
        const dayOfMonth = new Date(dayStart + 8 * 3600_000).getUTCDate();
        for (const p of population) personDay(rng, p, dayStart, dayOfMonth, events);
      }
      for (const e of fraudByDay.get(d) ?? []) events.push(e);
      // some background events fall on a later day (a loan spent two days later): carry them over
      const kept: Timed[] = [];
      for (const e of events) {
        const ed = Math.floor((e.t - simStart) / DAY);
        if (ed === d) kept.push(e);
        else if (ed > d && e.t < endMs) (carry.get(ed) ?? carry.set(ed, []).get(ed)!).push(e);
      }
      for (const e of carry.get(d) ?? []) kept.push(e);
      carry.delete(d);
      kept.sort((a, b) => a.t - b.t); // stable: ties keep generation order, so output is deterministic
      for (let i = 0; i < kept.length; i++) {
        const ev = kept[i]!.ev;
        ev.id = `sim-${fp}-${d}-${i}`;
        ev.occurredAt = isoCst(kept[i]!.t);
      }
      yield { day: d, events: kept };
    }
  }
  return { startMs, endMs, population, truth, days };
}

/** Convenience for tests and small cities: all events in one array. */
export function generateAll(o: SimulationOptions): { events: SimEvent[]; truth: GroundTruth; population: Person[] } {
  const sim = createSimulation(o);
  const events: SimEvent[] = [];
  for (const b of sim.days()) for (const e of b.events) events.push(e.ev);
  return { events, truth: sim.truth, population: sim.population };
}
