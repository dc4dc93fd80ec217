import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { seedOrg, USER_PASSWORD } from '../../../test/factories.ts';
import { startLoopServer, tempDir, waitFor, type LoopServer } from './test-server.ts';

// A timer survives a restart: the app and the database handle are closed, PGlite reopens the same data
// directory, and the overdue sign-for timer fires on the first scheduler pass of the new process.
const dir = tempDir('restart');
let clock = Date.now();
const now = () => clock;
let s: LoopServer | null = null;
afterAll(async () => { await s?.close(); fs.rmSync(dir, { recursive: true, force: true }); });

describe('stored timers', () => {
  it('a 高 warning dispatched before a restart is escalated after it when 签收 is overdue', async () => {
    // no channels: the call cannot be placed, which on 高 dispatches at once (failed → dispatch)
    s = await startLoopServer({ dataDir: dir, dissuasion: { now, pollMs: 50 } });
    const org = await seedOrg(s.database.db);
    const analyst = await s.login('analyst', USER_PASSWORD);
    const r = await analyst.post('/api/v1/residents', { name: '李四', phone: '13700000000', unitId: org.gridA.id });
    expect(r.status).toBe(201);
    const id = (await analyst.post('/api/v1/warnings', { level: 'high', fraudTypes: ['fake_customer_service'], subject: { phone: '13700000000' } })).body.id;
    const before = await waitFor(async () => { const d = (await analyst.get(`/api/v1/warnings/${id}/workflow`)).body; return d.status === 'dispatched' && d; }, 5_000, 'dispatch');
    expect(before.attempts.find((a: { channel: string }) => a.channel === 'voice')).toMatchObject({ ok: false, detail: 'voice gateway not configured' });
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
    expect(after.status).toBe('escalated');
    expect(after.transitions.at(-1)).toMatchObject({ command: 'escalate', timer: 'sign', from: 'dispatched', to: 'escalated', actor: 'system' });
    // the escalation told the station and the level above it (the district)
    await s.rt.idle();
    const again = (await a2.get(`/api/v1/warnings/${id}/workflow`)).body;
    expect(again.attempts.filter((a: { channel: string }) => a.channel === 'notify_supervisor')).toHaveLength(1);
    expect(again.countdowns.map((c: { timer: string }) => c.timer)).toEqual(['visit']);
    await s.rt.tick();
    expect((await a2.get(`/api/v1/warnings/${id}/workflow`)).body.transitions.length).toBe(after.transitions.length);
  });
});
