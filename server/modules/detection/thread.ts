// Detection off the HTTP thread (issue 10): on PostgreSQL the runtime runs in a worker thread with its own
// connection pool, so deciding (the engine is CPU work) no longer shares the event loop with the requests it
// acknowledges. The parent keeps the same interface: notices arrive by message after the worker's commit, the
// ingest of this process wakes the worker at once, closures are forwarded.
// PGlite cannot be shared with a thread (it is an embedded database inside this process's memory): there the
// runtime stays in process (createDetectionRuntime), as does every caller of `inBatch` — a thread has no hooks,
// so the workflow starts its warnings after the commit (wireDetection's after-commit path, the sweep behind it).
import { Worker } from 'node:worker_threads';
import { onEventsStored } from '../ingest/index.ts';
import type { DetectionRuntime, WarningNotice } from './runtime.ts';

export interface ThreadedOptions {
  databaseUrl: string;
  worker?: { index: number; count: number };
  batchSize?: number;
  pollMs?: number;
  refreshMs?: number;
  log?: {
    info: (o: object, m?: string) => void;
    warn: (o: object, m?: string) => void;
    error: (o: object, m?: string) => void;
  };
}

export type ThreadMessage =
  | { t: 'started' }
  | { t: 'error'; message: string }
  | { t: 'notices'; notices: WarningNotice[]; stats: Stats }
  | { t: 'reply'; id: number; stats: Stats; error?: string }
  | { t: 'log'; level: 'info' | 'warn' | 'error'; o: object; m?: string };
type Stats = ReturnType<DetectionRuntime['stats']>;

export function createThreadedDetection(opts: ThreadedOptions): Omit<DetectionRuntime, 'inBatch'> {
  const listeners = new Set<(w: WarningNotice) => void>();
  const waiting = new Map<number, (m: Extract<ThreadMessage, { t: 'reply' }>) => void>();
  let worker: Worker | null = null,
    nextId = 1,
    unsubscribe = () => {};
  let stats: Stats = {
    decided: 0,
    batches: 0,
    warnings: 0,
    replayed: 0,
    rebuilds: 0,
    adopted: 0,
    configVersion: '',
    indicatorVersion: 0,
    ms: { claim: 0, decide: 0, warnings: 0, mark: 0, commit: 0 },
  };
  const ask = (msg: object) =>
    new Promise<Extract<ThreadMessage, { t: 'reply' }>>((resolve, reject) => {
      if (!worker) {
        reject(new Error('detection thread not running'));
        return;
      }
      const id = nextId++;
      waiting.set(id, resolve);
      worker.postMessage({ ...msg, id });
    }).then((r) => {
      stats = r.stats;
      if (r.error) throw new Error(r.error);
      return r;
    });

  return {
    async start() {
      if (worker) return;
      const { databaseUrl, log: _log, ...rest } = opts;
      // a thread does not inherit the TypeScript loader: it registers tsx itself, then loads the entry
      const entry = new URL('./thread-entry.ts', import.meta.url).href;
      const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
      worker = new Worker(boot, { eval: true, workerData: { databaseUrl, ...rest } });
      await new Promise<void>((resolve, reject) => {
        worker!.on('message', (m: ThreadMessage) => {
          switch (m.t) {
            case 'started':
              resolve();
              break;
            case 'error':
              reject(new Error(m.message));
              break;
            case 'notices':
              stats = m.stats;
              for (const n of m.notices)
                for (const l of listeners) {
                  try {
                    l(n);
                  } catch (err) {
                    opts.log?.error({ err }, 'warning listener failed');
                  }
                }
              break;
            case 'reply':
              waiting.get(m.id)?.(m);
              waiting.delete(m.id);
              break;
            case 'log':
              opts.log?.[m.level](m.o, m.m);
              break;
          }
        });
        worker!.once('error', reject);
        worker!.once('exit', (code) => reject(new Error(`detection thread exited (${code})`)));
      });
      worker.on('error', (err) => opts.log?.error({ err }, 'detection thread failed'));
      unsubscribe = onEventsStored(() => worker?.postMessage({ t: 'wake' }));
    },
    async stop() {
      unsubscribe();
      if (!worker) return;
      await ask({ t: 'stop' }).catch(() => undefined);
      await worker.terminate();
      worker = null;
    },
    onWarning(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async warningClosed(subjectKey, closedAt) {
      await ask({ t: 'closed', subjectKey, closedAt: closedAt.toISOString() });
    },
    async idle() {
      await ask({ t: 'idle' });
    },
    stats: () => stats,
  };
}
