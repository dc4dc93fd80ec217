import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrg, type TestOrg } from '../../../test/factories.ts';
import { countQueries } from '../../../test/harness/count.ts';
import { createTestDatabase } from '../../../test/harness/db.ts';
import type { Database } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { auditLog } from '../audit/testing/tables.ts';
import { createResident } from '../residents/index.ts';
import { residents } from '../residents/testing/tables.ts';
import { upsertWarnings, type WarningEvidence } from '../warnings/index.ts';
import { warnings } from '../warnings/testing/tables.ts';
import type { DeliveryReport } from '../channels/index.ts';
import type { Channels } from './channels.ts';
import { subjectKeys } from './followup.ts';
import { DissuasionRuntime, wireDetection } from './runtime.ts';
import { contactAttempts, smsParts, warningTimers, warningWorkflow } from './schema.ts';
import { workflowDetail } from './service.ts';
import { startWarning, startWarnings } from './start.ts';
import { DEFAULT_SLA } from './sla.ts';

// Starting the lifecycle of a burst of new warnings: one transaction with a fixed number of statements, the same
// rows as starting them one at a time, the route kept from when the warning opened, and each started once however
// many starters race.
const T0 = Date.UTC(2026, 4, 1, 2, 0, 0);
let database: Database;
let org: TestOrg;
let receipt: ((r: DeliveryReport) => void) | null = null;
let overtake = false;
const calls: string[] = [];
const channels: Channels = {
  webhook: async () => 'ok',
  voice: {
    callbackUrl: 'http://127.0.0.1/cb',
    secret: 'x',
    call: async (r) => {
      calls.push(r.callId);
      return r.callId;
    },
  },
  sms: {
    send: async (m) => {
      const id = `m-${m.ref}`;
      if (overtake) {
        // the SMSC's receipt is stored before our submit response is: it waits for the attempt to claim it
        receipt?.({
          ref: m.ref,
          messageId: id,
          stat: 'DELIVRD',
          err: '000',
          messageStatus: 'delivered' as DeliveryReport['messageStatus'],
          at: Date.now(),
        });
        for (
          let i = 0;
          i < 200 && !(await database.db.select().from(smsParts).where(eq(smsParts.messageId, id))).length;
          i++
        )
          await new Promise((r) => setTimeout(r, 5));
      }
      return [id];
    },
    onReceipt: (fn) => {
      receipt ??= fn;
    }, // the first runtime's: the one whose SMS the test watches
    close: async () => {},
  },
};
let rt: DissuasionRuntime;

beforeAll(async () => {
  database = await createTestDatabase();
  org = await seedOrg(database.db);
  rt = new DissuasionRuntime(database.db, channels, { now: () => T0 });
});
afterAll(async () => {
  await rt?.idle();
  await database?.close();
});

const LEVELS = ['high', 'medium', 'low'] as const;
const evidence = (phone: string, level: (typeof LEVELS)[number]): WarningEvidence => ({
  subjectKey: subjectKeys({ phones: [phone] })[0]!,
  subject: { phone },
  level,
  score: 50,
  fraudTypes: [{ code: 'fake_investment', name: '虚假投资理财' }],
  ruleHits: [],
  evidenceEventIds: [],
});
const open = async (phones: string[]) =>
  (
    await database.db.transaction((tx) =>
      upsertWarnings(
        tx,
        'engine',
        phones.map((p, i) => evidence(p, LEVELS[i % 3]!)),
      ),
    )
  ).map((r) => r.id);

/** Everything a start leaves in the database for one warning, with the warning's own id and phone taken out. */
async function outcome(id: string) {
  const db = database.db;
  const [w] = await db.select().from(warnings).where(eq(warnings.id, id));
  const strip = (x: unknown) =>
    JSON.parse(
      JSON.stringify(x ?? null)
        .replaceAll(id, '<id>')
        .replaceAll(w!.subjectPhone!, '<phone>'),
    );
  const [wf] = await db.select().from(warningWorkflow).where(eq(warningWorkflow.warningId, id));
  const timers = await db
    .select()
    .from(warningTimers)
    .where(eq(warningTimers.warningId, id))
    .orderBy(asc(warningTimers.id));
  const trail = await db.select().from(auditLog).where(eq(auditLog.entityId, id)).orderBy(asc(auditLog.id));
  const attempts = await db
    .select()
    .from(contactAttempts)
    .where(eq(contactAttempts.warningId, id))
    .orderBy(asc(contactAttempts.channel));
  return {
    status: w!.status,
    unitId: w!.unitId,
    routed: w!.routed,
    route: strip(w!.route),
    wf: {
      startedAt: wf?.startedAt,
      autoContactAttempts: wf?.autoContactAttempts,
      leads: wf?.leads,
      escalationLevel: wf?.escalationLevel,
    },
    timers: timers.map((t) => ({
      kind: t.kind,
      dueAt: t.dueAt,
      cancelledAt: t.cancelledAt,
      firedAt: t.firedAt,
      slaVersion: t.slaVersion,
    })),
    trail: trail.map((a) => ({ action: a.action, actorId: a.actorId, details: a.details })),
    attempts: attempts.map((a) =>
      strip({
        channel: a.channel,
        ok: a.ok,
        outcome: a.outcome,
        externalId: a.externalId?.replace(/\.[0-9a-f]{12}$/, '.<random>'),
        detail: a.detail,
        record: a.record,
        at: a.at,
        resultAt: a.resultAt,
      }),
    ),
  };
}

describe('startWarnings', () => {
  it('starts 200 warnings in one transaction of a fixed number of statements, with the rows of starting them one by one', async () => {
    const N = 200;
    const phone = (g: number, i: number) => `139${g}${String(i).padStart(7, '0')}`;
    const bulk = await open(Array.from({ length: N }, (_, i) => phone(1, i)));
    const single = await open(Array.from({ length: N }, (_, i) => phone(2, i)));

    const c = countQueries(database.db);
    const started = await startWarnings(rt, bulk);
    await rt.idle();
    const inTransaction = c.count.texts.slice(0, c.count.texts.findIndex((t) => /^commit/i.test(t)) + 1);
    const bulkCount = { statements: c.count.statements, transactions: c.count.transactions };
    const texts = [...c.count.texts];
    c.reset();
    for (const id of single) expect(await startWarning(rt, id)).toBe(true);
    await rt.idle();
    const oneByOne = { statements: c.count.statements, transactions: c.count.transactions };
    c.stop();

    expect(started.sort()).toEqual([...bulk].sort());
    // the start is one transaction whatever N; after it, the attempt rows of all calls and SMS in one statement,
    // then per warning only the SMSC's answer (message ids, submitted)
    expect(inTransaction[0]).toMatch(/^begin/i);
    expect(inTransaction.length).toBeLessThanOrEqual(10);
    expect(bulkCount.transactions).toBe(1);
    expect(bulkCount.statements).toBeLessThanOrEqual(12 + 2 * N);
    expect(oneByOne.statements).toBeGreaterThan(4 * bulkCount.statements);
    // routed once, when the warnings opened: the start asks neither the registry nor the routing tables for that;
    // the registry is asked once for the whole burst, after the commit: who each person is (audience of the texts)
    expect(texts.filter((t) => /routing_areas|from "units"/.test(t))).toEqual([]);
    expect(texts.filter((t) => /residents/.test(t))).toHaveLength(1);
    expect(texts.indexOf(texts.find((t) => /residents/.test(t))!)).toBeGreaterThan(inTransaction.length - 1);
    expect(calls.length).toBe(2 * N);

    for (let i = 0; i < N; i++) expect(await outcome(bulk[i]!)).toEqual(await outcome(single[i]!));
    const high = await outcome(bulk[0]!);
    expect(high).toMatchObject({ status: 'auto_contact', wf: { startedAt: new Date(T0), autoContactAttempts: 1 } });
    expect(high.timers).toEqual([
      {
        kind: 'auto_contact',
        dueAt: new Date(T0 + DEFAULT_SLA.levels.high.autoContactMs),
        cancelledAt: new Date(T0),
        firedAt: null,
        slaVersion: DEFAULT_SLA.version,
      },
      {
        kind: 'call_result',
        dueAt: new Date(T0 + DEFAULT_SLA.levels.high.callResultMs),
        cancelledAt: null,
        firedAt: null,
        slaVersion: DEFAULT_SLA.version,
      },
    ]);
    expect(
      high.trail.map((a) => [a.action, (a.details as { command?: string }).command, (a.details as { to?: string }).to]),
    ).toEqual([
      ['create', undefined, undefined],
      ['transition', 'create', 'new'],
      ['transition', 'start_auto_contact', 'auto_contact'],
    ]);
    expect(high.attempts.map((a: { channel: string; outcome: string }) => `${a.channel}:${a.outcome}`)).toEqual([
      'sms:submitted',
      'voice:queued',
    ]);
  }, 120_000);

  it('keeps the route of the opening: a registry changed in between does not move it', async () => {
    const db = database.db;
    await createResident(db, SYSTEM_ACTOR, { name: '孙八', phone: '13500000008', unitId: org.gridA.id });
    const [id] = await open(['13500000008']);
    await db.update(residents).set({ unitId: org.gridB.id }).where(eq(residents.phone, '13500000008'));
    expect(await startWarning(rt, id!)).toBe(true);
    await rt.idle();
    const d = await workflowDetail(rt, SYSTEM_ACTOR, id!);
    expect(d.unitId).toBe(org.stationA.id);
    expect(d.route).toMatchObject({
      via: 'resident_grid',
      unitId: org.stationA.id,
      routed: true,
      steps: [{ via: 'resident_grid', key: org.gridA.id, result: org.stationA.id }],
    });
  });

  it('routes a warning opened without a stored route (before it was kept) when it starts', async () => {
    const [id] = await open(['13500000009']);
    await database.db.update(warnings).set({ route: null }).where(eq(warnings.id, id!));
    expect(await startWarning(rt, id!)).toBe(true);
    await rt.idle();
    const [w] = await database.db.select().from(warnings).where(eq(warnings.id, id!));
    expect(w!.route).toMatchObject({ routed: false, via: null, unitId: org.city.id });
    expect(w!.route!.steps.find((x) => x.via === 'phone_area')).toEqual({
      via: 'phone_area',
      key: '13500000009',
      result: null,
    });
  });

  it('starts each warning once when starters race (the creator, the sweep, another node)', async () => {
    const ids = await open(Array.from({ length: 30 }, (_, i) => `1370${String(i).padStart(7, '0')}`));
    const other = new DissuasionRuntime(database.db, channels, { now: () => T0 });
    const runs = await Promise.all([
      startWarnings(rt, ids),
      startWarnings(other, [...ids].reverse()),
      startWarnings(rt, ids.slice(5, 20)),
      ...ids.slice(0, 5).map(async (id) => ((await startWarning(other, id)) ? [id] : [])),
    ]);
    await Promise.all([rt.idle(), other.idle()]);
    expect(runs.flat().sort()).toEqual([...ids].sort());
    expect(await startWarnings(rt, ids)).toEqual([]);
    const creates = await database.db.select().from(auditLog).where(inArray(auditLog.entityId, ids));
    expect(creates.filter((a) => (a.details as { command?: string } | null)?.command === 'create')).toHaveLength(30);
    const voice = await database.db.select().from(contactAttempts).where(inArray(contactAttempts.warningId, ids));
    expect(voice.filter((a) => a.channel === 'voice')).toHaveLength(30);
  });

  it('an SMS receipt that overtakes the submit response settles the attempt', async () => {
    overtake = true;
    try {
      const [id] = await open(['13500000010']);
      await startWarnings(rt, [id!]);
      await rt.idle();
      const sms = (await database.db.select().from(contactAttempts).where(eq(contactAttempts.warningId, id!))).find(
        (a) => a.channel === 'sms',
      );
      expect(sms).toMatchObject({ outcome: 'delivered', ok: true, record: { receipt: { stat: 'DELIVRD' } } });
    } finally {
      overtake = false;
    }
  });

  it('lets a burst talk to the channels a few warnings at a time, so it cannot hold every pooled connection', async () => {
    let inFlight = 0,
      most = 0;
    const placed: string[] = [];
    const slow: Channels = {
      ...channels,
      voice: {
        ...channels.voice!,
        call: async (r) => {
          most = Math.max(most, ++inFlight);
          await new Promise((res) => setTimeout(res, 20));
          inFlight--;
          placed.push(r.callId);
          return r.callId;
        },
      },
    };
    const limited = new DissuasionRuntime(database.db, slow, { now: () => T0, effectConcurrency: 3 });
    const ids = await open(Array.from({ length: 20 }, (_, i) => `1371${String(i).padStart(7, '0')}`));
    expect(await startWarnings(limited, ids)).toHaveLength(20);
    await limited.idle();
    expect(placed).toHaveLength(20);
    expect(most).toBe(3);
  });
});

describe('the detection listener', () => {
  it('starts the warnings of one detection batch together, and a raised level acts after their start', async () => {
    const listeners: ((w: { id: string; created: boolean; levelRaised: boolean }) => void)[] = [];
    const detection = {
      onWarning: (l: (typeof listeners)[number]) => {
        listeners.push(l);
        return () => {};
      },
      warningClosed: async () => {},
    };
    const off = wireDetection(rt, detection);
    const ids = await open(Array.from({ length: 12 }, (_, i) => `1360${String(i).padStart(7, '0')}`));
    const c = countQueries(database.db);
    // as detection tells them after its commit: a synchronous loop; the first one's level rose in the same batch
    for (const id of ids) for (const l of listeners) l({ id, created: true, levelRaised: false });
    for (const l of listeners) l({ id: ids[0]!, created: false, levelRaised: true });
    await new Promise((r) => setTimeout(r, 0));
    await rt.idle();
    const texts = c.count.texts;
    c.stop();
    off();
    expect(texts.filter((t) => /update warnings w set status/.test(t))).toHaveLength(1);
    // the raised level reads the warning only once the start has committed
    const committed = texts.findIndex((t) => /^commit/i.test(t));
    expect(texts.findIndex((t) => /where "warnings"\."id" = \$1/.test(t))).toBeGreaterThan(committed);
    const d = await workflowDetail(rt, SYSTEM_ACTOR, ids[0]!);
    expect(
      d.transitions.map((t) => {
        const x = t as { command?: string; to?: string };
        return `${x.command}>${x.to}`;
      }),
    ).toEqual(['create>new', 'start_auto_contact>auto_contact', 'hand_over>routing']);
  });
});
