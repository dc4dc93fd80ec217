// Plays a simulation into a sink, as fast as possible or paced by the simulated clock (speed-up factor).
// Importable by the server's demo mode: runSimulation(options, sink, { speed, signal, onProgress }).
import { createSimulation, type GroundTruth, type SimulationOptions } from './generate.ts';
import type { SimEvent } from './emit.ts';

/** Where events go. The HTTP sink posts to a running Zhiwang; the NDJSON sink writes a file. */
export interface EventSink {
  write(batch: SimEvent[]): Promise<void>;
  close(): Promise<void>;
}

export interface Progress {
  sent: number;
  day: number;
  days: number;
  /** the simulated clock (ISO, +08:00 as partners send it) at the last event sent */
  clock: string;
  elapsedMs: number;
}

export interface RunOptions {
  /** simulated seconds per wall second; 0 or Infinity = no pacing (default 0) */
  speed?: number;
  batch?: number;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** called once, before the first event, so the caller can store the ground truth apart */
  onTruth?: (truth: GroundTruth) => void | Promise<void>;
  /** injectable clock and sleep (tests, demo mode); defaults are the real ones */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RunResult {
  sent: number;
  elapsedMs: number;
  truth: GroundTruth;
  aborted: boolean;
}

/** Sleeps until due, or until the signal aborts: at a slow speed the next event can be minutes away, and Ctrl-C
 * must not wait for it. */
const realSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

export async function runSimulation(
  options: SimulationOptions,
  sink: EventSink,
  run: RunOptions = {},
): Promise<RunResult> {
  const now = run.now ?? (() => performance.now());
  const sleep = run.sleep ?? ((ms: number) => realSleep(ms, run.signal));
  const batchSize = Math.max(1, run.batch ?? 500);
  const speed = run.speed && Number.isFinite(run.speed) && run.speed > 0 ? run.speed : 0;
  const sim = createSimulation(options);
  await run.onTruth?.(sim.truth);
  const wallStart = now();
  let sent = 0;
  let batch: SimEvent[] = [];
  let clock = '';
  let aborted = false;
  const flush = async () => {
    if (batch.length === 0) return;
    const b = batch;
    batch = [];
    await sink.write(b);
    sent += b.length;
  };
  try {
    outer: for (const { day, events } of sim.days()) {
      for (const e of events) {
        if (run.signal?.aborted) {
          aborted = true;
          break outer;
        }
        if (speed > 0) {
          const due = wallStart + (e.t - sim.startMs) / speed;
          const wait = due - now();
          if (wait > 5) {
            await flush(); // deliver what is due before idling, so the boards see events on time
            await sleep(wait);
          }
        }
        batch.push(e.ev);
        clock = e.ev.occurredAt;
        if (batch.length >= batchSize) {
          await flush();
          run.onProgress?.({ sent, day, days: options.days, clock, elapsedMs: now() - wallStart });
        }
      }
      await flush();
      run.onProgress?.({ sent, day, days: options.days, clock, elapsedMs: now() - wallStart });
    }
  } finally {
    await sink.close();
  }
  return { sent, elapsedMs: now() - wallStart, truth: sim.truth, aborted };
}
