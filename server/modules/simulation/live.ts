// Live demo (`npm start -- --demo`): a small city played from *now* at a speed-up factor, its events fed
// through an injected ingest port (the ingest service in process, or the HTTP API), so warnings arrive on the
// boards while people watch. One clock: the city runs `speed` times faster than the wall clock (what happens
// unfolds fast), but every event it sends is stamped with the wall-clock moment it became due, so evidence, the
// boards, contact records and the header all read real time and nothing is ever "from the future". Its state
// (running, speed, events sent) is exposed for the header (GET /api/v1/demo/clock).
// No platform dependency here: main.ts wires the port; routes are in live-routes.ts.
import { createSimulation, type DayBatch } from './generate.ts';
import { isoCst, type SimEvent, type Timed } from './emit.ts';
import type { Person } from './population.ts';
import { demoCaseHistory } from './history.ts';
import type { DemoClock } from '../../../contract/demo.ts';

export interface LiveDemoOptions {
  /** stores a batch (resolves once stored); a rejection is logged and the batch retried on the next tick */
  ingest: (events: SimEvent[]) => Promise<unknown>;
  /** registers a round's residents (the resident registry routes warnings to their station); failures are logged */
  register?: (people: Person[]) => Promise<unknown>;
  /** community grid codes the residents live in (default: the simulator's own) */
  grids?: readonly string[];
  /** city seconds per wall-clock second (default 120: a city day in 12 minutes) */
  speed?: number;
  seed?: number;
  people?: number;
  /** days per round; when a round ends the next one (seed + 1) starts where the clock is (default 3) */
  days?: number;
  /** fraud is over-sampled so that a small city shows warnings within minutes (default 100 per 1,000 per month) */
  targetsPer1000?: number;
  /** how often the clock ticks and a batch is sent, wall ms (default 1000) */
  tickMs?: number;
  /** a victim who lost money reports it (96110) half an hour of city time after the last payment: a case (its
   * times — reportedAt, each loss — stamped in real time like the events) */
  reportCase?: (r: {
    reportedAt: string;
    victim: { name: string; phone: string; idNumber: string };
    fraudType: string;
    losses: { at: string; amount: number; toAccount?: string }[];
    /** the gang's numbers, sites and apps the victim met (history reports carry them) */
    identifiers?: { kind: string; value: string }[];
    reference: string;
  }) => Promise<unknown>;
  /**
   * Days of the city's past (history.ts) whose victims reported before the demo started: sent through `reportCase`
   * on the first tick, right after the residents are registered, so the gangs page opens on the city's gangs.
   */
  historyDays?: number;
  /** wall clock, injectable for tests */
  now?: () => number;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
}

/** running, startedAt (wall clock), speed, eventsSent, round, lastError: the contract's DemoClock */
export type LiveClock = DemoClock;

export interface LiveDemo {
  clock(): LiveClock;
  /** sends everything due up to the city's current time; the timer calls it, tests call it directly */
  tick(): Promise<number>;
  stop(): Promise<void>;
}

const MAX_BATCH = 5000;
const DAY = 86_400_000;
const CST = 8 * 3_600_000;
const cstMidnight = (t: number) => Math.floor((t + CST) / DAY) * DAY - CST;

export function startLiveDemo(o: LiveDemoOptions): LiveDemo {
  const speed = o.speed ?? 120;
  if (!(speed > 0 && speed <= 100_000)) throw new Error('speed must be in (0, 100000]');
  const now = o.now ?? Date.now;
  const days = o.days ?? 3;
  const wallStart = now();
  let seed = o.seed ?? 1;
  let round = 0;
  let sent = 0;
  let running = true;
  let lastError: string | null = null;
  let busy: Promise<number> | null = null;

  // The city's own time runs `speed` times faster from the start; what it did before the start (the day so far,
  // the history) keeps its real past dates. `toWall` maps a city moment onto the real calendar: the wall-clock
  // moment it becomes due (cityNow() reaches it). An event is sent once due, so its stamp is never after now.
  const cityNow = () => wallStart + (now() - wallStart) * speed;
  const toWall = (t: number) => (t <= wallStart ? t : wallStart + Math.floor((t - wallStart) / speed));
  const wallIso = (t: number) => isoCst(toWall(t));
  let gen: Generator<DayBatch>;
  let queue: Timed[] = [];
  let qi = 0;
  let unregistered: Person[] | null = null;
  let reports: { at: number; send: () => Promise<unknown> }[] = [];

  // The simulator's days run from its start time, and its daily rhythm (quiet nights, busy days) is relative
  // to that: a round starts at the city's midnight (CST). What the city did between then and `from` is due at
  // once, so the boards open on the day so far (its warnings already there) instead of on hours of an empty
  // evening or night; from there on the city runs live.
  function newRound(from: number) {
    round++;
    const start = cstMidnight(from);
    const sim = createSimulation({
      seed,
      people: o.people ?? 2000,
      days,
      start: isoCst(start),
      targetsPer1000: o.targetsPer1000 ?? 100,
      ...(o.grids?.length ? { grids: o.grids } : {}),
    });
    gen = sim.days();
    unregistered = o.register ? sim.population : null;
    reports = o.reportCase
      ? sim.truth.victims
          .filter((v) => v.lost && v.losses.some((l) => l.toAccount))
          .map((v) => {
            const last = Math.max(...v.losses.map((l) => Date.parse(l.at)));
            const p = sim.population[v.person]!;
            const r = {
              reportedAt: wallIso(last + 30 * 60_000),
              victim: { name: p.name, phone: v.phone, idNumber: v.idNumber },
              fraudType: v.fraudType,
              losses: v.losses.map((l) => ({ ...l, at: wallIso(Date.parse(l.at)) })),
              reference: `demo-${seed}-${v.person}`,
            };
            return { at: last + 30 * 60_000, send: () => o.reportCase!(r) };
          })
          .sort((a, b) => a.at - b.at)
      : [];
    if (o.reportCase && o.historyDays && round === 1) {
      const past = demoCaseHistory({
        seed,
        people: o.people ?? 2000,
        days: o.historyDays,
        end: start,
        ...(o.grids?.length ? { grids: o.grids } : {}),
      }).reports.map((r) => ({ at: Date.parse(r.reportedAt), send: () => o.reportCase!(r) }));
      reports = [...past, ...reports];
    }
    queue = [];
    qi = 0;
    o.log?.('live demo: new city round', { round, seed, start: wallIso(start), people: o.people ?? 2000, days, speed });
  }
  newRound(wallStart);

  async function registerRound(people: Person[]) {
    unregistered = null;
    try {
      const result = await o.register!(people); // not inside o.log?.(…): that would skip the call without a logger
      o.log?.('live demo: residents registered', { result });
    } catch (err) {
      o.log?.('live demo: registering residents failed (their warnings go to the centre queue)', {
        error: (err as Error).message.slice(0, 200),
      });
    }
  }

  async function sendDue(): Promise<number> {
    const until = cityNow();
    let n = 0;
    for (;;) {
      if (unregistered) await registerRound(unregistered);
      if (qi >= queue.length) {
        const next = gen.next();
        if (next.done) {
          seed++;
          newRound(until);
          continue;
        }
        queue = next.value.events;
        qi = 0;
        continue;
      }
      while (reports.length && reports[0]!.at <= until) {
        const r = reports.shift()!;
        await r
          .send()
          .catch((err: Error) => o.log?.('live demo: case report failed', { error: err.message.slice(0, 200) }));
      }
      const batch: SimEvent[] = [];
      while (qi < queue.length && queue[qi]!.t <= until && batch.length < MAX_BATCH) {
        const { t, ev } = queue[qi++]!;
        if (t > wallStart) ev.occurredAt = wallIso(t); // the generator stamped city time; a retry stamps the same
        batch.push(ev);
      }
      if (batch.length === 0) return n;
      try {
        await o.ingest(batch);
        sent += batch.length;
        n += batch.length;
        lastError = null;
      } catch (err) {
        qi -= batch.length; // not stored: retry on the next tick (ids make a repeat harmless)
        lastError = (err as Error).message.slice(0, 200);
        o.log?.('live demo: ingest failed, retrying', { error: lastError });
        return n;
      }
    }
  }

  const tick = () => {
    if (!running) return Promise.resolve(0);
    busy ??= sendDue().finally(() => {
      busy = null;
    });
    return busy;
  };
  const timer = setInterval(() => void tick(), o.tickMs ?? 1000);
  timer.unref?.();

  return {
    clock: () => ({ running, startedAt: isoCst(wallStart), speed, eventsSent: sent, round, lastError }),
    tick,
    async stop() {
      running = false;
      clearInterval(timer);
      await busy;
    },
  };
}

/** `--speed N --people N --seed N` after `--demo`, for main.ts. */
export function liveOptionsFromArgv(argv: readonly string[]): Pick<LiveDemoOptions, 'speed' | 'people' | 'seed'> {
  const num = (flag: string) => {
    const i = argv.indexOf(flag);
    const v = i >= 0 ? Number(argv[i + 1]) : NaN;
    return Number.isFinite(v) && v > 0 ? v : undefined;
  };
  const out: Pick<LiveDemoOptions, 'speed' | 'people' | 'seed'> = {};
  const speed = num('--speed'),
    people = num('--people'),
    seed = num('--seed');
  if (speed !== undefined) out.speed = speed;
  if (people !== undefined) out.people = Math.trunc(people);
  if (seed !== undefined) out.seed = Math.trunc(seed);
  return out;
}
