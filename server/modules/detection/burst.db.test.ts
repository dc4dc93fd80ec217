// A burst of warnings (issue 10): the warnings a decision batch opens are started — workflow, first timers,
// automatic contact queued — in the batch's own transaction, so the moment the decision is committed the warning
// is started too (nothing left for a later transaction that ingest would queue behind, nothing for the sweep
// after a crash), and each exactly once. Through the real stack with the voice gateway simulator.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrg } from '../../../test/factories.ts';
import type { Client } from '../../../test/harness/server.ts';
import { wireDetection } from '../dissuasion/index.ts';
import { startLoopServer, startPeers, waitFor, type LoopServer } from '../../../test/harness/dissuasion.ts';
import { createDetectionRuntime, type DetectionRuntime } from './runtime.ts';

const rows = <T>(r: unknown) => (r as { rows: T[] }).rows;
let s: LoopServer;
let peers: Awaited<ReturnType<typeof startPeers>>;
let detection: DetectionRuntime;
let partner: Client;
const atCommit: Promise<{ id: string; status: string; started: boolean }>[] = [];

beforeAll(async () => {
  peers = await startPeers(600_000); // calls are queued; their outcome comes long after the test
  s = await startLoopServer({ dissuasion: { channels: peers.channels, sweepMs: 1e9 } });
  await seedOrg(s.database.db);
  const admin = await s.login();
  partner = new (admin.constructor as typeof Client)(s.url).withBearer(
    (await admin.post('/api/v1/tokens', { name: 'bank', scopes: ['events:write'] })).body.token,
  );
  detection = createDetectionRuntime({ db: s.database.db, pollMs: 50 });
  // registered before the workflow's own listener: reads the warning as it is at the decision's commit
  detection.onWarning((n) => {
    if (!n.created) return;
    atCommit.push(
      s.database.db
        .execute(
          sql`select w.id, w.status, wf.started_at is not null as started
      from warnings w left join warning_workflow wf on wf.warning_id = w.id where w.id = ${n.id}`,
        )
        .then((r) => rows<{ id: string; status: string; started: boolean }>(r)[0]!),
    );
  });
  wireDetection(s.rt, detection);
  await detection.start();
});
afterAll(async () => {
  await detection?.stop();
  await s?.rt.idle();
  await s?.close();
  await peers?.stop();
});

describe('a burst of high-risk alerts', () => {
  it(
    'each warning is started in the transaction that decided its event, exactly once',
    { timeout: 60_000 },
    async () => {
      const t = Date.now();
      const alerts = Array.from({ length: 60 }, (_, i) => ({
        id: `burst-${i}`,
        source: 'bank.ccb',
        type: 'alert',
        occurredAt: new Date(t - 60_000 + i).toISOString(),
        subject: { phone: String(15_800_000_000 + i) },
        partnerKind: 'bank',
        unit: '建设银行金城江支行',
        note: '客户坚持向安全账户转账',
        amount: 600_000,
      }));
      const acks = await Promise.all(
        [alerts.slice(0, 30), alerts.slice(30)].map((b) => partner.post('/api/v1/events', b)),
      );
      expect(acks.map((a) => a.body.accepted)).toEqual([30, 30]);
      await detection.idle();
      await waitFor(() => atCommit.length === 60, 10_000, '60 warnings');
      const seen = await Promise.all(atCommit);
      expect(seen.filter((w) => w.started && w.status === 'auto_contact')).toHaveLength(60);

      const [x] = rows<{ starts: number; warnings: number; timers: number }>(
        await s.database.db.execute(sql`
      select (select count(*)::int from audit_log where action = 'transition' and details->>'command' = 'start_auto_contact') as starts,
             (select count(*)::int from warnings) as warnings,
             (select count(distinct warning_id)::int from warning_timers) as timers`),
      );
      expect(x).toEqual({ starts: 60, warnings: 60, timers: 60 });
      // the calls were queued at the gateway, one per warning
      await waitFor(() => peers.voice.calls.size === 60, 20_000, 'the calls');
    },
  );
});
