import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { seedOrg, USER_PASSWORD } from '../../../test/factories.ts';
import { upsertWarning } from '../warnings/index.ts';
import { subjectKeys } from './followup.ts';
import { startLoopServer, tempDir, waitFor, type LoopServer } from '../../../test/harness/dissuasion.ts';

// A timer survives a restart: the app and the database handle are closed, PGlite reopens the same data
// directory, and the overdue sign-for timer fires on the first scheduler pass of the new process.
const dir = tempDir('restart');
let clock = Date.now();
const now = () => clock;
let s: LoopServer | null = null;
afterAll(async () => {
  await s?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('stored timers', () => {
  it('a 高 warning dispatched before a restart is escalated after it when 签收 is overdue', async () => {
    // no channels: the call cannot be placed, which on 高 dispatches at once (failed → dispatch)
    s = await startLoopServer({ dataDir: dir, dissuasion: { now, pollMs: 50 } });
    const org = await seedOrg(s.database.db);
    const analyst = await s.login('analyst', USER_PASSWORD);
    const r = await analyst.post('/api/v1/residents', { name: '李四', phone: '13700000000', unitId: org.gridA.id });
    expect(r.status).toBe(201);
    const id = (
      await analyst.post('/api/v1/warnings', {
        level: 'high',
        fraudTypes: ['fake_customer_service'],
        subject: { phone: '13700000000' },
      })
    ).body.id;
    const before = await waitFor(
      async () => {
        const d = (await analyst.get(`/api/v1/warnings/${id}/workflow`)).body;
        return d.status === 'dispatched' && d;
      },
      5_000,
      'dispatch',
    );
    expect(before.attempts.find((a: { channel: string }) => a.channel === 'voice')).toMatchObject({
      ok: false,
      detail: 'voice gateway not configured',
    });
    const sign = before.countdowns.find((c: { timer: string }) => c.timer === 'sign');
    expect(sign.remainingMs).toBe(5 * 60_000);
    await s.close();
    s = null;

    clock += 5 * 60_000 - 1; // one millisecond early: nothing fires
    s = await startLoopServer({ dataDir: dir, dissuasion: { now, pollMs: 50 }, fresh: false });
    const a2 = await s.login('analyst', USER_PASSWORD);
    await s.rt.tick();
    expect((await a2.get(`/api/v1/warnings/${id}/workflow`)).body.status).toBe('dispatched');
    clock += 1;
    await s.rt.tick();
    const after = (await a2.get(`/api/v1/warnings/${id}/workflow`)).body;
    // escalated, and still where it was: not signed for, so only the station's 签收 or the centre's 误报 remain
    expect(after.status).toBe('dispatched');
    expect(after.escalation).toMatchObject({ level: 1, reason: 'sign-for deadline passed (签收超时)' });
    expect(after.transitions.at(-1)).toMatchObject({
      command: 'escalate',
      timer: 'sign',
      from: 'dispatched',
      to: 'dispatched',
      actor: 'system',
    });
    expect(after.closeDispositions).toEqual(['false_alarm']);
    // the escalation told the station and the level above it (the district)
    await s.rt.idle();
    const again = (await a2.get(`/api/v1/warnings/${id}/workflow`)).body;
    expect(again.attempts.filter((a: { channel: string }) => a.channel === 'notify_supervisor')).toHaveLength(1);
    expect(again.countdowns.map((c: { timer: string }) => c.timer)).toEqual(['visit']);
    await s.rt.tick();
    expect((await a2.get(`/api/v1/warnings/${id}/workflow`)).body.transitions.length).toBe(after.transitions.length);

    // the face-to-face deadline still acts after 签收超时: escalates again and comes back in another 30 minutes
    clock += 25 * 60_000;
    await s.rt.tick();
    const late = (await a2.get(`/api/v1/warnings/${id}/workflow`)).body;
    expect(late.status).toBe('dispatched');
    expect(late.escalation.level).toBe(2);
    expect(late.transitions.at(-1)).toMatchObject({ command: 'escalate', timer: 'visit', ok: true });
    expect(late.countdowns).toMatchObject([{ timer: 'visit', remainingMs: 30 * 60_000 }]);
    // escalating notifies; it opens no second field or desk task
    expect(late.tasks.map((t: { kind: string }) => t.kind).sort()).toEqual(['desk', 'field']);
    await s.rt.idle();
  });
});

describe('the startup sweep', () => {
  it('a warning committed without its workflow (crash before the start) is started after a restart, once', async () => {
    await s?.close();
    const dir2 = tempDir('sweep');
    try {
      // this process's first sweep runs at start; the next would be an hour later
      s = await startLoopServer({ dataDir: dir2, dissuasion: { pollMs: 60_000, sweepMs: 60 * 60_000 } });
      await seedOrg(s.database.db);
      // what detection commits before its in-memory listener starts the lifecycle; the process dies right after
      const id = (
        await s.database.db.transaction((tx) =>
          upsertWarning(tx, 'engine', {
            subjectKey: subjectKeys({ phones: ['13700000011'] })[0]!,
            subject: { phone: '13700000011' },
            level: 'high',
            score: 90,
            fraudTypes: [{ code: 'fake_customer_service', name: '冒充电商物流客服' }],
            ruleHits: [],
            evidenceEventIds: [],
          }),
        )
      ).id;
      await s.close();

      s = await startLoopServer({ dataDir: dir2, fresh: false, dissuasion: { pollMs: 50, sweepGraceMs: 0 } });
      const analyst = await s.login('analyst', USER_PASSWORD);
      const d = await waitFor(
        async () => {
          const x = (await analyst.get(`/api/v1/warnings/${id}/workflow`)).body;
          return x.status !== 'new' && x;
        },
        5_000,
        'sweep',
      );
      expect(d.transitions.map((t: { command: string }) => t.command).slice(0, 2)).toEqual([
        'create',
        'start_auto_contact',
      ]);
      expect(d.countdowns.length).toBeGreaterThan(0);
      // a second sweep (another node, the next period) finds nothing to do
      expect(await s.rt.sweep()).toBe(0);
      expect(
        (await analyst.get(`/api/v1/warnings/${id}/workflow`)).body.transitions.filter(
          (t: { command: string }) => t.command === 'create',
        ),
      ).toHaveLength(1);
    } finally {
      await s?.close();
      s = null;
      fs.rmSync(dir2, { recursive: true, force: true });
    }
  });
});
