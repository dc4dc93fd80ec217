// The detection worker thread (thread.ts): its own PostgreSQL pool, the ordinary runtime, notices posted to the
// parent after each commit.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../platform/db/index.ts';
import { announceEventsStored } from '../ingest/index.ts';
import { loadPublishedModel } from '../fraud-types/index.ts';
import { createDetectionRuntime, type WarningNotice } from './runtime.ts';
import type { ThreadMessage } from './thread.ts';

const port = parentPort!;
const post = (m: ThreadMessage) => port.postMessage(m);
const { databaseUrl, ...rest } = workerData as {
  databaseUrl: string;
  worker?: { index: number; count: number };
  batchSize?: number;
  pollMs?: number;
  refreshMs?: number;
};
const log = {
  info: (o: object, m?: string) => post({ t: 'log', level: 'info', o: plain(o), ...(m ? { m } : {}) }),
  warn: (o: object, m?: string) => post({ t: 'log', level: 'warn', o: plain(o), ...(m ? { m } : {}) }),
  error: (o: object, m?: string) => post({ t: 'log', level: 'error', o: plain(o), ...(m ? { m } : {}) }),
};
try {
  const database = await openDatabase({ databaseUrl });
  await loadPublishedModel(database.db); // this thread's classifier: the script model a person published last
  const runtime = createDetectionRuntime({ db: database.db, ...rest, log });
  // the notices of one batch leave together, after its commit (the hook's after-commit function)
  let batch: WarningNotice[] = [];
  runtime.onWarning((n) => batch.push(n));
  runtime.inBatch(async () => () => {
    queueMicrotask(() => {
      const notices = batch;
      batch = [];
      post({ t: 'notices', notices, stats: runtime.stats() });
    });
  });
  await runtime.start();
  port.on('message', async (m: { t: string; id?: number; subjectKey?: string; closedAt?: string }) => {
    let error: string | undefined;
    try {
      if (m.t === 'wake') {
        announceEventsStored();
        return;
      }
      if (m.t === 'idle') await runtime.idle();
      else if (m.t === 'closed') await runtime.warningClosed(m.subjectKey!, new Date(m.closedAt!));
      else if (m.t === 'stop') {
        await runtime.stop();
        await database.close();
      }
    } catch (err) {
      error = String(err instanceof Error ? err.message : err);
    }
    post({ t: 'reply', id: m.id!, stats: runtime.stats(), ...(error ? { error } : {}) });
  });
  post({ t: 'started' });
} catch (err) {
  post({ t: 'error', message: String(err instanceof Error ? err.stack : err) });
}

function plain(o: object): object {
  try {
    return JSON.parse(JSON.stringify(o, (_k, v) => (v instanceof Error ? { message: v.message, stack: v.stack } : v)));
  } catch {
    return {};
  }
}
