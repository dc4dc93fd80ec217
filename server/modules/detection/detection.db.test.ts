// The runtime in-process on a fresh database: restart by replay equals an uninterrupted run, closures survive a
// restart, two workers share the partitions, indicator and rule-config changes apply without restart, and the
// reference check used by the kill -9 tests does catch a doubly decided event.
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness/db.ts';
import { ensureRoot } from '../org/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { ingestEvents } from '../ingest/index.ts';
import { bulkUpsert } from '../indicators/index.ts';
import { putRuleConfig, currentEngineConfig } from '../rules/index.ts';
import { createDetectionRuntime, type DetectionRuntime, type WarningNotice } from './runtime.ts';
import { batches, phoneOf, scenarioEvents } from './testing/scenario.ts';
import { verifyAgainstReference } from './testing/verify.ts';

let database: Database;
const rows = <T>(r: unknown) => (r as { rows: T[] }).rows;
const started: DetectionRuntime[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await ensureRoot(database.db);
});
afterEach(async () => {
  for (const r of started.splice(0)) await r.stop(); // a failed test must not leave a worker deciding for the next
});
afterAll(async () => database?.close());

async function run(opts: Partial<Parameters<typeof createDetectionRuntime>[0]> = {}) {
  const r = createDetectionRuntime({
    db: database.db,
    pollMs: 20,
    refreshMs: 50,
    batchSize: 300,
    log: { info() {}, warn: (o, m) => console.warn(m, o), error: (o, m) => console.error(m, o) },
    ...opts,
  });
  started.push(r);
  await r.start();
  return r;
}
async function stop(r: DetectionRuntime) {
  await r.stop();
  started.splice(started.indexOf(r), 1);
}
async function settle(...rs: DetectionRuntime[]) {
  for (;;) {
    await Promise.all(rs.map((r) => r.idle()));
    const [x] = rows<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from event_queue`));
    if (Number(x!.n) === 0) return;
  }
}
const ingest = (evs: unknown[]) => ingestEvents(database.db, SYSTEM_ACTOR, evs);
const call = (id: string, phone: string, peer: string, sec: number, at: string) => ({
  id,
  source: 'telecom.cmcc',
  type: 'call',
  occurredAt: at,
  subject: { phone },
  peer,
  direction: 'in',
  durationSec: sec,
  result: 'answered',
});
// A bank-counter alert: a warning on its own, whatever the weights of the day.
const alert = (id: string, phone: string, at: string) => ({
  id,
  source: 'bank.ccb',
  type: 'alert',
  occurredAt: at,
  subject: { phone },
  partnerKind: 'bank',
  unit: '建设银行金城江支行',
  note: '客户坚持向安全账户转账',
  amount: 800_000,
});

describe('detection runtime', () => {
  it('a restart in the middle (replay) ends in the same warnings as one uninterrupted run', async () => {
    const events = scenarioEvents(3000, 120, 'restart', 0);
    const [a, b] = [events.slice(0, 1700), events.slice(1700)];
    const first = await run();
    for (const part of batches(a, 500)) await ingest(part);
    await settle(first);
    await stop(first);
    const second = await run();
    expect(second.stats().replayed).toBe(1700);
    for (const part of batches(b, 500)) await ingest(part);
    await settle(second);
    await stop(second);
    const v = await verifyAgainstReference(
      database.db,
      events.map((e) => ({ source: e.source, id: e.id })),
      'restart-',
    );
    expect(v.problems).toEqual([]);
    expect(v.missingAcked).toEqual([]);
    expect(v.warnings).toBeGreaterThan(10);
  });

  it('the reference check catches an event decided twice', async () => {
    const [w] = rows<{ id: string; subject_key: string; rule_hits: unknown[] }>(
      await database.db.execute(
        sql`select id, subject_key, rule_hits from warnings where subject_key like 'p:139%' limit 1`,
      ),
    );
    const hits = JSON.stringify([...w!.rule_hits, w!.rule_hits.at(-1)]); // the last hit once more, as a second decision would add
    await database.db.execute(sql`update warnings set rule_hits = ${hits}::jsonb where id = ${w!.id}`);
    const v = await verifyAgainstReference(database.db, [], 'restart-');
    expect(v.problems.some((p) => p.startsWith(w!.subject_key))).toBe(true);
    await database.db.execute(
      sql`update warnings set rule_hits = ${JSON.stringify(w!.rule_hits)}::jsonb where id = ${w!.id}`,
    );
    expect((await verifyAgainstReference(database.db, [], 'restart-')).problems).toEqual([]);
  });

  it('bounded batches (maxWarningsPerBatch): at most N warnings a batch, every event decided once, in order', async () => {
    // issue 10: on PGlite a decision batch's transaction must not hold the one connection for long; the events after
    // the bound stay queued for the next batch, and the outcome is the reference engine's, event for event
    const events = scenarioEvents(1500, 150, 'bounded', 3000);
    const r = await run({ maxWarningsPerBatch: 7 });
    const written: number[] = [];
    r.inBatch(async (_tx, notices) => {
      written.push(notices.filter((n) => !n.mergedInto).length);
    });
    for (const part of batches(events, 500)) await ingest(part);
    await settle(r);
    const v = await verifyAgainstReference(
      database.db,
      events.map((e) => ({ source: e.source, id: e.id })),
      'bounded-',
    );
    expect(v.problems).toEqual([]);
    expect(v.missingAcked).toEqual([]);
    expect(v.warnings).toBeGreaterThan(10);
    expect(Math.max(...written)).toBe(7); // the bound was reached, never passed
    expect(written.length).toBeGreaterThan(v.warnings / 7);
  });

  it('after a closure the next evidence opens a fresh warning, also after a restart; keys stay stable', async () => {
    const phone = '13977700001';
    const r1 = await run();
    const notices: WarningNotice[] = [];
    r1.onWarning((n) => notices.push(n));
    await ingest([alert('cl-1', phone, '2026-06-20T10:00:00+08:00')]);
    await settle(r1);
    const opened = notices.find((n) => n.subjectKey === `p:${phone}`)!;
    expect(opened).toMatchObject({ created: true });
    // The workflow closes it (status) and tells the engine.
    await database.db.execute(sql`update warnings set status = 'closed', closed_at = now() where id = ${opened.id}`);
    await r1.warningClosed(`p:${phone}`, new Date('2026-06-20T11:00:00+08:00'));
    await ingest([alert('cl-2', phone, '2026-06-20T12:00:00+08:00')]);
    await settle(r1);
    const reopened = notices.filter((n) => n.subjectKey === `p:${phone}`).at(-1)!;
    expect(reopened.created).toBe(true);
    expect(reopened.id).not.toBe(opened.id);
    await stop(r1);

    const r2 = await run();
    const later: WarningNotice[] = [];
    r2.onWarning((n) => later.push(n));
    await ingest([alert('cl-3', phone, '2026-06-20T13:00:00+08:00')]);
    await settle(r2);
    expect(later.find((n) => n.subjectKey === `p:${phone}`)).toMatchObject({ id: reopened.id, created: false });
    const ws = rows<{ status: string }>(
      await database.db.execute(
        sql`select status from warnings where subject_key = ${'p:' + phone} order by opened_at`,
      ),
    );
    expect(ws.map((w) => w.status)).toEqual(['closed', 'new']);
    await stop(r2);
  });

  it('two workers share the partitions: every event decided once, none skipped, same warnings as one engine', async () => {
    const w0 = await run({ worker: { index: 0, count: 2 } });
    const w1 = await run({ worker: { index: 1, count: 2 } });
    const events = scenarioEvents(2000, 200, 'two', 1000);
    await Promise.all(batches(events, 250).map((b) => ingest(b)));
    await settle(w0, w1);
    expect(w0.stats().decided).toBeGreaterThan(0);
    expect(w1.stats().decided).toBeGreaterThan(0);
    expect(w0.stats().decided + w1.stats().decided).toBe(2000);
    const v = await verifyAgainstReference(
      database.db,
      events.map((e) => ({ source: e.source, id: e.id })),
      'two-',
    );
    expect(v.undecided).toBe(0);
    expect(v.problems).toEqual([]);
    await stop(w0);
    await stop(w1);
  });

  it('applies indicator and rule-config changes within seconds, without restart', async () => {
    const r = await run();
    const phone = phoneOf(90_001),
      fraudster = '13812345678';
    const notices: WarningNotice[] = [];
    r.onWarning((n) => notices.push(n));
    await ingest([call('ind-1', phone, fraudster, 30, '2026-06-21T10:00:00+08:00')]);
    await settle(r);
    expect(notices.filter((n) => n.subjectKey === `p:${phone}`)).toEqual([]);
    await bulkUpsert(database.db, SYSTEM_ACTOR, [
      { kind: 'phone', value: fraudster, list: 'block', reason: '涉诈号码' },
    ]);
    await waitUntil(() => r.stats().indicatorVersion > 0);
    await ingest([call('ind-2', phone, fraudster, 30, '2026-06-21T10:05:00+08:00')]);
    await settle(r);
    expect(notices.some((n) => n.subjectKey === `p:${phone}` && n.created)).toBe(true);

    const { config } = await currentEngineConfig(database.db);
    await putRuleConfig(database.db, SYSTEM_ACTOR, {
      config: { ...config, levels: { high: 95, medium: 60, low: 30 } },
    });
    const version = (await currentEngineConfig(database.db)).version;
    await waitUntil(() => r.stats().configVersion === version);
    await stop(r);
  });
});

async function waitUntil(f: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!f()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((res) => setTimeout(res, 20));
  }
}
