import { describe, expect, it } from 'vitest';
import { liveOptionsFromArgv, startLiveDemo } from './live.ts';
import type { SimEvent } from './emit.ts';

const T0 = Date.parse('2026-11-22T09:00:00+08:00');

describe('live demo', () => {
  it("opens on the city's day so far, then streams from now at the speed-up factor, in time order, nothing ahead of the city clock", async () => {
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
    expect(demo.clock().cityTime).toBe('2026-11-22T09:00:00+08:00');
    const caughtUp = await demo.tick(); // the city's day since midnight (CST) is due at once
    expect(caughtUp).toBeGreaterThan(10);
    const morning = got.map((e) => Date.parse(e.occurredAt));
    expect(Math.min(...morning)).toBeGreaterThanOrEqual(Date.parse('2026-11-22T00:00:00+08:00'));
    expect(Math.max(...morning)).toBeLessThanOrEqual(T0);
    wall += 60_000; // one wall minute = ten city hours
    const n = await demo.tick();
    expect(n).toBeGreaterThan(50);
    const clock = demo.clock();
    expect(clock).toMatchObject({ running: true, speed: 600, eventsSent: caughtUp + n, round: 1, lastError: null });
    expect(clock.cityTime).toBe('2026-11-22T19:00:00+08:00');
    const times = got.slice(caughtUp).map((e) => Date.parse(e.occurredAt));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(T0);
    expect(Math.max(...times)).toBeLessThanOrEqual(T0 + 10 * 3_600_000);
    expect(got.every((e, i) => i === 0 || e.occurredAt >= got[i - 1]!.occurredAt)).toBe(true);
    expect(await demo.tick()).toBe(0); // the clock has not moved
    await demo.stop();
    expect(demo.clock().running).toBe(false);
  });

  it("follows the city's daily rhythm in CST: the small hours are quiet, the day is busy", async () => {
    let wall = Date.parse('2026-11-22T13:42:00+08:00'); // a round starting mid-afternoon
    const hours = new Array<number>(24).fill(0);
    const demo = startLiveDemo({
      ingest: async (b) => {
        for (const e of b) hours[Number(e.occurredAt.slice(11, 13))]! += 1;
      },
      speed: 3600,
      people: 500,
      seed: 5,
      now: () => wall,
      tickMs: 3_600_000,
    });
    wall += 86_400_000 / 3600; // one city day
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
