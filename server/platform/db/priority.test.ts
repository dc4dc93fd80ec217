import { describe, expect, it } from 'vitest';
import { backgroundTurn, beginForeground, foreground, foregroundState } from './priority.ts';

const settled = async (p: Promise<unknown>) => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  return done;
};

describe('foreground before background (priority.ts)', () => {
  it('a background turn is given at once when nothing is in the foreground', async () => {
    expect(foregroundState().running).toBe(0);
    expect(await settled(backgroundTurn(10_000))).toBe(true);
  });

  it('waits while foreground work runs and is given the moment the last one ends', async () => {
    const endA = beginForeground(),
      endB = beginForeground();
    const turn = backgroundTurn(10_000);
    expect(await settled(turn)).toBe(false);
    endA();
    endA(); // ending twice counts once
    expect(foregroundState().running).toBe(1);
    expect(await settled(turn)).toBe(false);
    endB();
    expect(await settled(turn)).toBe(true);
    expect(foregroundState().running).toBe(0);
  });

  it('is never starved: the turn comes after maxWaitMs even while foreground work goes on', async () => {
    const end = beginForeground();
    const t = performance.now();
    await backgroundTurn(30);
    expect(performance.now() - t).toBeGreaterThanOrEqual(25);
    expect(foregroundState().running).toBe(1);
    end();
  });

  it('foreground() counts its work until it settles, failed or not', async () => {
    let release!: () => void;
    const work = foreground(() => new Promise<void>((r) => (release = r)));
    expect(foregroundState().running).toBe(1);
    release();
    await work;
    await expect(foreground(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(foregroundState().running).toBe(0);
  });
});
