// One person, one open warning, also when the partners first named them apart: a bank alert by phone and one by
// resident ID each open a warning (each dispatched to the station, as on the demo), then an event naming both
// links them. Through the real stack: partner API → event log → detection → warning store → dissuasion workflow.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../../../test/factories.ts';
import type { Client } from '../../../test/harness/server.ts';
import { residentIdCheckChar } from '../identifiers/index.ts';
import { wireDetection } from '../dissuasion/index.ts';
import { startLoopServer, waitFor, type LoopServer } from '../../../test/harness/dissuasion.ts';
import { survivorOf } from '../warnings/index.ts';
import { createDetectionRuntime, type DetectionRuntime, type WarningNotice } from './runtime.ts';

const idNumber = '45120219800101123' + residentIdCheckChar('45120219800101123');
const phone = '13877001234';
const t0 = Date.parse('2026-07-12T09:00:00+08:00');
const iso = (min: number) => new Date(t0 + min * 60_000).toISOString();
const alert = (id: string, min: number, subject: object) => ({
  id,
  source: 'bank.ccb',
  type: 'alert',
  occurredAt: iso(min),
  subject,
  partnerKind: 'bank',
  unit: '建设银行金城江支行',
  note: '客户坚持向安全账户转账',
  amount: 600_000,
});

let s: LoopServer;
let org: TestOrg;
let detection: DetectionRuntime;
let partner: Client;
let analyst: Client;
const notices: WarningNotice[] = [];

beforeAll(async () => {
  // no channels configured: the 高 auto-call fails at once, so each warning is dispatched to the station
  s = await startLoopServer({ dissuasion: { pollMs: 50 } });
  org = await seedOrg(s.database.db);
  analyst = await s.login('analyst', USER_PASSWORD);
  expect(
    (await analyst.post('/api/v1/residents', { name: '覃某', phone, idNumber, unitId: org.gridA.id })).status,
  ).toBe(201);
  const admin = await s.login();
  partner = new (analyst.constructor as typeof Client)(s.url).withBearer(
    (await admin.post('/api/v1/tokens', { name: 'bank', scopes: ['events:write'] })).body.token,
  );
  detection = createDetectionRuntime({ db: s.database.db, pollMs: 50 });
  wireDetection(s.rt, detection);
  detection.onWarning((n) => notices.push(n));
  await detection.start();
});
afterAll(async () => {
  await detection?.stop();
  await s?.close();
});

async function send(events: object[]) {
  const res = await partner.post('/api/v1/events', events);
  expect(res.body.accepted, JSON.stringify(res.body)).toBe(events.length);
  await detection.idle();
}
const open = async () => (await analyst.get('/api/v1/warnings?status=dispatched')).body.items as { id: string }[];

describe('linking identifiers of one person', () => {
  it('two open warnings become one: the other is closed as merged, its evidence, deadlines and tasks follow', async () => {
    await send([alert('link-1', 0, { phone })]);
    const byPhone = await waitFor(async () => (await open()).find(() => true), 5_000, 'the phone warning dispatched');
    await send([alert('link-2', 5, { idNumber })]);
    const both = await waitFor(
      async () => {
        const l = await open();
        return l.length === 2 && l;
      },
      5_000,
      'the ID warning dispatched',
    );
    const byId = both.find((w) => w.id !== byPhone.id)!;
    expect(
      (await analyst.get(`/api/v1/warnings/${byId.id}/workflow`)).body.tasks.filter(
        (t: { status: string }) => t.status === 'open',
      ).length,
    ).toBeGreaterThan(0);

    // the bank now names both: one person
    await send([
      {
        id: 'link-3',
        source: 'bank.ccb',
        type: 'transaction',
        occurredAt: iso(9),
        subject: { phone, idNumber },
        account: '6217002870000000001',
        kind: 'transfer',
        channel: 'counter',
        direction: 'out',
        amount: 50_000,
      },
    ]);

    // both were dispatched: the older survives
    const left = await open();
    expect(left.map((w) => w.id)).toEqual([byPhone.id]);
    const merged = (await analyst.get(`/api/v1/warnings/${byId.id}`)).body;
    expect(merged.status).toBe('closed');
    expect(merged.disposition).toMatchObject({ disposition: 'merged', mergedInto: byPhone.id });
    const survivor = (await analyst.get(`/api/v1/warnings/${byPhone.id}`)).body;
    const events = survivor.ruleHits.flatMap((h: { eventIds: string[] }) => h.eventIds).join(' ');
    expect(events).toContain('link-2'); // the ID warning's evidence came along
    expect(
      notices.find((n) => n.id === byId.id && n.mergedInto === byPhone.id),
      JSON.stringify(notices),
    ).toBeTruthy();

    // the duplicate's deadlines and open tasks end, and the station hears where the work continues
    const wf = await waitFor(
      async () => {
        const d = (await analyst.get(`/api/v1/warnings/${byId.id}/workflow`)).body;
        return (
          d.tasks.every((t: { status: string }) => t.status === 'done') &&
          d.attempts.some((a: { detail: string | null }) => a.detail?.includes(byPhone.id)) &&
          d
        );
      },
      5_000,
      'the duplicate tidied',
    );
    expect(wf.countdowns).toEqual([]);
    const rows = (await s.database.db.execute(
      sql`select details from audit_log where entity_id = ${byId.id} and action = 'transition'`,
    )) as unknown as { rows: { details: { command: string; into?: string } }[] };
    expect(rows.rows.map((r) => r.details)).toContainEqual(
      expect.objectContaining({ command: 'merge_into', into: byPhone.id }),
    );

    // a merge is not a closure: the closed-warnings KPI does not count it
    const from = new Date(Date.now() - 3_600_000).toISOString(),
      to = new Date(Date.now() + 3_600_000).toISOString();
    const kpi = (
      await analyst.get(
        `/api/v1/stats/warned-then-defrauded?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      )
    ).body;
    expect(kpi.units.reduce((n: number, u: { closed: number }) => n + u.closed, 0)).toBe(0);

    // later evidence for either identifier lands on the survivor
    await send([alert('link-4', 20, { idNumber })]);
    expect((await open()).map((w) => w.id)).toEqual([byPhone.id]);
    expect(
      (
        (await s.database.db.execute(
          sql`select count(*)::int as n from warnings where status <> 'closed'`,
        )) as unknown as { rows: { n: number }[] }
      ).rows[0]!.n,
    ).toBe(1);
  });

  it('the survivor is the warning furthest along in the workflow, then the oldest', () => {
    const at = (m: number) => new Date(t0 + m * 60_000);
    expect(
      survivorOf([
        { id: 'b', status: 'auto_contact', openedAt: at(0) },
        { id: 'a', status: 'signed', openedAt: at(5) },
      ]).id,
    ).toBe('a');
    expect(
      survivorOf([
        { id: 'b', status: 'dispatched', openedAt: at(0) },
        { id: 'a', status: 'dispatched', openedAt: at(5) },
      ]).id,
    ).toBe('b');
    expect(
      survivorOf([
        { id: 'b', status: 'new', openedAt: at(0) },
        { id: 'a', status: 'new', openedAt: at(0) },
      ]).id,
    ).toBe('a');
  });
});
