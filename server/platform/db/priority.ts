// Foreground before background on the embedded database (issue 10, a burst of warnings). PGlite is one connection
// in the thread that also answers HTTP: every transaction takes it in turn, so a partner's acknowledgement queued
// behind a decision batch, the start of its warnings or a domain-event subscriber waits for all of it. Work a caller
// waits for (ingest: the event is acknowledged once stored) marks itself foreground for as long as it runs;
// background writers (detection, the event dispatcher) ask for a turn before each transaction and get it once no
// foreground work is running, or after a bounded wait so they are never starved. Per process (what shares the
// one connection); on PostgreSQL it only orders this process's own work, which costs nothing when nothing waits.

let running = 0;
let lastActive = 0;
let waiters: (() => void)[] = [];

/** Marks foreground work as running until the returned function is called (once). */
export function beginForeground(): () => void {
  running++;
  lastActive = performance.now();
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    lastActive = performance.now();
    if (--running === 0) for (const w of waiters.splice(0)) w();
  };
}

/** Runs `f` as foreground work. */
export async function foreground<T>(f: () => Promise<T>): Promise<T> {
  const end = beginForeground();
  try {
    return await f();
  } finally {
    end();
  }
}

/** Foreground work running now, and how long ago foreground work last started or ended (ms). */
export function foregroundState(): { running: number; idleMs: number } {
  return { running, idleMs: running ? 0 : performance.now() - lastActive };
}

/**
 * Resolves when no foreground work is running, or after `maxWaitMs`. Yields to the event loop first: PGlite
 * answers without real I/O, so back-to-back background transactions would run as one chain of microtasks and
 * requests that have arrived would not even be read (and so not yet count as foreground).
 */
export async function backgroundTurn(maxWaitMs: number): Promise<void> {
  await new Promise((r) => setImmediate(r));
  if (!running || maxWaitMs <= 0) return;
  await new Promise<void>((resolve) => {
    const t = setTimeout(done, maxWaitMs);
    function done() {
      clearTimeout(t);
      waiters = waiters.filter((w) => w !== done);
      resolve();
    }
    waiters.push(done);
  });
}
