import { describe, expect, it } from 'vitest';
import { liveOptionsFromArgv, startLiveDemo } from './live.ts';
import type { SimEvent } from './emit.ts';
import { createSimulation } from './generate.ts';
import { createEngine } from '../engine/index.ts';

const T0 = Date.parse('2026-11-22T09:00:00+08:00');

describe('live demo', () => {
  it("opens on the city's day so far, then streams at the speed-up factor stamped in real time, in time order", async () => {
    let wall = T0;
    const got: SimEvent[] = [];
    const demo = startLiveDemo({
      ingest: async (b) => {
        got.push(...b);
      },
      speed: 600,
      people: 300,
      seed: 3,
      now: () => wall,
      tickMs: 3_600_000,
    });
    expect(demo.clock().startedAt).toBe('2026-11-22T09:00:00+08:00');
    const caughtUp = await demo.tick(); // the city's day since midnight (CST) is due at once, with its real times
    expect(caughtUp).toBeGreaterThan(10);
    const morning = got.map((e) => Date.parse(e.occurredAt));
    expect(Math.min(...morning)).toBeGreaterThanOrEqual(Date.parse('2026-11-22T00:00:00+08:00'));
    expect(Math.max(...morning)).toBeLessThanOrEqual(T0);
    wall += 60_000; // one wall minute = ten city hours happen…
    const n = await demo.tick();
    expect(n).toBeGreaterThan(50);
    const clock = demo.clock();
    expect(clock).toMatchObject({ running: true, speed: 600, eventsSent: caughtUp + n, round: 1, lastError: null });
    const times = got.slice(caughtUp).map((e) => Date.parse(e.occurredAt));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(T0); // …stamped within that real minute
    expect(Math.max(...times)).toBeLessThanOrEqual(wall);
    expect(Math.max(...times)).toBeGreaterThan(wall - 5_000);
    expect(got.every((e, i) => i === 0 || e.occurredAt >= got[i - 1]!.occurredAt)).toBe(true);
    expect(await demo.tick()).toBe(0); // the clock has not moved
    await demo.stop();
    expect(demo.clock().running).toBe(false);
  });

  it("one clock: nothing the city sends — events, victims' reports, their losses — is dated after the wall clock", async () => {
    let wall = T0;
    const late: string[] = [];
    let events = 0;
    const reports: { reportedAt: string; losses: { at: string }[] }[] = [];
    const demo = startLiveDemo({
      ingest: async (b) => {
        events += b.length;
        for (const e of b) if (Date.parse(e.occurredAt) > wall) late.push(`${e.type} ${e.occurredAt}`);
      },
      reportCase: async (r) => {
        reports.push(r);
        for (const at of [r.reportedAt, ...r.losses.map((l) => l.at)])
          if (Date.parse(at) > wall) late.push(`report ${r.reference} ${at}`);
      },
      historyDays: 7,
      speed: 120,
      people: 400,
      seed: 2,
      targetsPer1000: 300,
      now: () => wall,
      tickMs: 3_600_000,
    });
    // two city days in 24 wall minutes, sent second by second as the server's timer would
    for (let s = 0; s < 24 * 60; s += 10) {
      wall = T0 + s * 1000;
      await demo.tick();
    }
    expect(events).toBeGreaterThan(1000);
    expect(late).toEqual([]);
    const live = reports.filter((r) => r.reportedAt >= '2026-11-22T09:00:00+08:00');
    expect(live.length).toBeGreaterThan(0); // victims of the live city reported within the real 24 minutes
    expect(live.every((r) => r.reportedAt <= '2026-11-22T09:24:00+08:00')).toBe(true);
    // the city's past (history) keeps real past dates that end at the start
    expect(reports.some((r) => r.reportedAt < '2026-11-22T00:00:00+08:00')).toBe(true);
    await demo.stop();
  });

  it('the engine warns the same victims on the compressed real-time stream as on the city-time one (gaps stay within windows)', async () => {
    const city = { seed: 7, people: 1000, days: 3, targetsPer1000: 300 };
    const sim = createSimulation({ ...city, start: '2026-11-22T00:00:00+08:00' }); // the live round 1, on city time
    const plain: SimEvent[] = [];
    for (const d of sim.days()) for (const e of d.events) plain.push(e.ev);
    let wall = T0;
    const live: SimEvent[] = [];
    const demo = startLiveDemo({
      ingest: async (b) => {
        live.push(...b);
      },
      speed: 120,
      ...city,
      now: () => wall,
      tickMs: 3_600_000,
    });
    wall += (3 * 86_400_000) / 120; // the round's three city days: 36 real minutes
    await demo.tick();
    await demo.stop();
    const round1 = live.slice(0, plain.length);
    expect(round1.map((e) => e.id)).toEqual(plain.map((e) => e.id));
    expect(round1.at(-1)!.occurredAt <= '2026-11-22T09:36:00+08:00').toBe(true);
    const victims = new Set(sim.truth.victims.map((v) => v.phone));
    const warned = (events: SimEvent[]) => {
      const engine = createEngine();
      const phones = new Set<string>();
      for (const e of events) {
        const d = engine.decide(e);
        if (d.warning && d.warning.level !== 'low') phones.add((e.subject as { phone?: string }).phone ?? '');
      }
      const hit = [...phones].filter((p) => victims.has(p)).sort();
      return { hit, others: phones.size - hit.length };
    };
    const onCityTime = warned(plain),
      onRealTime = warned(round1);
    expect(onCityTime.hit.length).toBeGreaterThan(victims.size / 2);
    expect(onRealTime.hit).toEqual(onCityTime.hit);
    expect(onRealTime.others).toBeLessThanOrEqual(onCityTime.others + 2); // compressed background: no flood of noise
  }, 60_000); // the engine's first text trains the script classifier (about a second; more on a busy machine)

  it("follows the city's daily rhythm in CST: the small hours are quiet, the day is busy (in compressed real time)", async () => {
    const start = Date.parse('2026-11-22T13:42:00+08:00'); // a round starting mid-afternoon
    let wall = start;
    const speed = 600;
    const hours = new Array<number>(24).fill(0);
    const demo = startLiveDemo({
      ingest: async (b) => {
        for (const e of b) {
          const stamped = Date.parse(e.occurredAt);
          // back from the real stamp to the city's hour (10 city minutes per wall second)
          const city = stamped <= start ? stamped : start + (stamped - start) * speed;
          hours[new Date(city + 8 * 3_600_000).getUTCHours()]! += 1;
        }
      },
      speed,
      people: 500,
      seed: 5,
      now: () => wall,
      tickMs: 3_600_000,
    });
    wall += 86_400_000 / speed; // one city day
    await demo.tick();
    const night = hours[2]! + hours[3]! + hours[4]!,
      day = hours[9]! + hours[10]! + hours[11]!;
    expect(day).toBeGreaterThan(10 * night);
    await demo.stop();
  });

  it('a failed ingest loses nothing and sends nothing twice; a finished city starts the next round', async () => {
    let wall = T0;
    let fail = true;
    const ids: string[] = [];
    const demo = startLiveDemo({
      ingest: async (b) => {
        if (fail) throw new Error('db down');
        ids.push(...b.map((e) => e.id));
      },
      speed: 3600,
      people: 200,
      seed: 9,
      now: () => wall,
      tickMs: 3_600_000,
    });
    wall += 30_000;
    expect(await demo.tick()).toBe(0);
    expect(demo.clock().lastError).toContain('db down');
    fail = false;
    wall += (4 * 86_400_000) / 3600; // four city days: past the end of the 3-day round
    expect(await demo.tick()).toBeGreaterThan(1000);
    expect(new Set(ids).size).toBe(ids.length);
    expect(demo.clock().round).toBe(2);
    expect(demo.clock().lastError).toBeNull();
    await demo.stop();
  });

  it("registers each round's residents in the given grids before their first event is sent", async () => {
    let wall = T0;
    const log: string[] = [];
    const registered: { grid: string; phone: string }[] = [];
    const demo = startLiveDemo({
      ingest: async (b) => {
        log.push(`events:${b.length}`);
      },
      register: async (people) => {
        log.push(`register:${people.length}`);
        registered.push(...people);
      },
      grids: ['451202001001', '451202001002'],
      speed: 3600,
      people: 150,
      seed: 4,
      now: () => wall,
      tickMs: 3_600_000,
    });
    wall += (4 * 86_400_000) / 3600; // into round 2
    await demo.tick();
    expect(log[0]).toBe('register:150');
    expect(log.filter((l) => l.startsWith('register:'))).toEqual(['register:150', 'register:150']);
    expect(new Set(registered.map((p) => p.grid))).toEqual(new Set(['451202001001', '451202001002']));
    await demo.stop();
  });

  it('reads --speed/--people/--seed from argv, ignoring junk', () => {
    expect(liveOptionsFromArgv(['--demo', '--speed', '300', '--people', '500'])).toEqual({ speed: 300, people: 500 });
    expect(liveOptionsFromArgv(['--demo', '--speed', 'fast'])).toEqual({});
  });
});
