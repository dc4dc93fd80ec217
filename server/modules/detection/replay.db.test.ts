// The replay after a restart is measured from the newest real event, bounded by the wall clock: an event dated in
// the future (stored before ingest refused them, or by a partner whose clock is wrong) must not move everyone's
// window past their events. And the newest-time lookup is served by an index, not a scan of the event log.
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness/db.ts';
import { ensureRoot } from '../org/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { ingestEvents } from '../ingest/index.ts';
import { storeUnchecked } from '../ingest/testing/store.ts';
import type { ZhiwangEvent } from '../../../contract/events.ts';
import { createDetectionRuntime, type DetectionRuntime } from './runtime.ts';

let database: Database;
const rows = <T>(r: unknown) => (r as { rows: T[] }).rows;
const started: DetectionRuntime[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await ensureRoot(database.db);
});
afterEach(async () => {
  for (const r of started.splice(0)) await r.stop();
});
afterAll(async () => database?.close());

async function run() {
  const r = createDetectionRuntime({ db: database.db, pollMs: 20, refreshMs: 50 });
  started.push(r);
  await r.start();
  return r;
}
async function settle(r: DetectionRuntime) {
  for (;;) {
    await r.idle();
    const [x] = rows<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from event_queue`));
    if (Number(x!.n) === 0) return;
  }
}
const ingest = async (evs: unknown[]) => expect((await ingestEvents(database.db, SYSTEM_ACTOR, evs)).rejected).toBe(0);

const sun = { phone: '13872001111', account: '6217000000000002' };
const t0 = Date.parse('2026-07-10T09:00:00+08:00');
const iso = (min: number) => new Date(t0 + min * 60_000).toISOString();

it('one event dated 2099 does not wipe the rebuilt state: 孙女士\'s "00" call is replayed and her transfer raises', async () => {
  const r1 = await run();
  await ingest([
    {
      id: 'sun-1',
      source: 'telecom.cmcc',
      type: 'call',
      occurredAt: iso(0),
      subject: { phone: sun.phone },
      peer: '0029110',
      direction: 'in',
      durationSec: 45 * 60,
      result: 'answered',
    },
  ]);
  // someone else's event with a wrong clock, stored as it would have been before ingest refused such times
  const future = {
    id: 'clock-1',
    source: 'telecom.cmcc',
    type: 'sms',
    occurredAt: '2099-01-01T00:00:00+08:00',
    subject: { phone: '13900000009' },
    peer: '10086',
    direction: 'in',
    text: '话费账单',
  } as ZhiwangEvent;
  await storeUnchecked(database.db, [future]);
  await settle(r1);
  await r1.stop();
  started.splice(started.indexOf(r1), 1);

  const r2 = await run();
  expect(r2.stats().replayed).toBe(2); // both decided events: the call is inside the window again
  await ingest([
    {
      id: 'sun-2',
      source: 'bank.icbc',
      type: 'transaction',
      occurredAt: iso(60),
      subject: sun,
      account: sun.account,
      kind: 'transfer',
      channel: 'mobile',
      direction: 'out',
      amount: 80_000,
      peerAccount: '6230000000009999',
      peerName: '安全账户',
    },
  ]);
  await settle(r2);
  const [w] = rows<{ level: string; rule_hits: { ruleId: string }[] }>(
    await database.db.execute(sql`
    select level, rule_hits from warnings where subject_phone = ${sun.phone} and status <> 'closed'`),
  );
  expect(w!.rule_hits.map((h) => h.ruleId)).toEqual(expect.arrayContaining(['foreign_call', 'call_then_transfer']));
  expect(w!.level).toBe('high');
});

it('the newest decided event time is found through an index on occurred_at', async () => {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    const plan = rows<Record<string, string>>(
      await tx.execute(sql`explain
      select e.occurred_at from events e where e.occurred_at <= now() and exists (select 1 from event_decisions d where d.seq = e.seq)
      order by e.occurred_at desc limit 1`),
    )
      .map((r) => Object.values(r)[0])
      .join('\n');
    expect(plan).toMatch(/events_occurred_idx/);
  });
});
