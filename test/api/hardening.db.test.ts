import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../factories.ts';
import { Client } from '../harness/server.ts';
import { startLoopServer, type LoopServer } from '../harness/dissuasion.ts';
import { warnings } from '../../server/modules/warnings/schema.ts';
import { warningFlags } from '../../server/modules/dissuasion/schema.ts';
import { upsertWarning } from '../../server/modules/warnings/service.ts';
import { eventKeys } from '../../server/modules/detection/logic.ts';

// Findings 1, 2, 7 and 8 of the hardening probe (issue 10): masking of every identifier on the workflow, records
// of another station neither changed nor revealed, one subject key for every source of warnings.
let s: LoopServer;
let org: TestOrg;
let analyst: Client;
let officerA: Client;
let leader: Client;

beforeAll(async () => {
  s = await startLoopServer({ dissuasion: { pollMs: 60_000 } });
  org = await seedOrg(s.database.db);
  [analyst, officerA, leader] = (await Promise.all(
    ['analyst', 'officerA', 'leader'].map((u) => s.login(u, USER_PASSWORD)),
  )) as [Client, Client, Client];
});
afterAll(async () => {
  await s?.close();
});

describe('finding 1: the workflow masks the routing steps like the subject', () => {
  it('a leader (no personal:unmask) never sees the phone the phone_area step looked up', async () => {
    // an unknown phone and no address: routing tries the phone's home area and lands in the centre's queue
    const r = await analyst.post('/api/v1/warnings', {
      level: 'medium',
      fraudTypes: ['impersonate_authority'],
      subject: { phone: '13977625745', address: '广西河池市金城江区新建路12号' },
    });
    expect(r.status).toBe(201);
    const wf = await leader.get(`/api/v1/warnings/${r.body.id}/workflow`);
    expect(wf.status).toBe(200);
    const steps = wf.body.route.steps as { via: string; key: string | null }[];
    expect(steps.find((x) => x.via === 'phone_area')?.key).toBe('139****5745');
    expect(steps.find((x) => x.via === 'subject_address')?.key).toBe('广西河池市金城江区***');
    expect(JSON.stringify(wf.body)).not.toContain('13977625745');
    expect(JSON.stringify(wf.body)).not.toContain('新建路');
    // an officer who may unmask and gives a purpose sees the key in full
    const full = await officerA.request('GET', `/api/v1/warnings/${r.body.id}/workflow?unmask=true`, undefined, {
      'X-Purpose': 'check',
    });
    expect(full.status).toBe(404); // the centre's queue is not station A's
    const a = await analyst.request('GET', `/api/v1/warnings/${r.body.id}/workflow?unmask=true`, undefined, {
      'X-Purpose': 'check',
    });
    expect((a.body.route.steps as { via: string; key: string }[]).find((x) => x.via === 'phone_area')?.key).toBe(
      '13977625745',
    );
  });
});

describe("finding 2: another station's open warning is neither changed nor revealed", () => {
  it("a manual warning by station A for a phone held by station B leaves B's warning as it was and names nothing", async () => {
    expect(
      (await analyst.post('/api/v1/residents', { name: '韦明', phone: '13600000002', unitId: org.gridB.id })).status,
    ).toBe(201);
    const b = await analyst.post('/api/v1/warnings', {
      level: 'medium',
      fraudTypes: ['impersonate_authority'],
      subject: { name: '韦明', phone: '13600000002' },
      summary: '原摘要',
    });
    expect(b.status).toBe(201);
    const before = (await s.database.db.select().from(warnings).where(eq(warnings.id, b.body.id)))[0]!;
    expect(before.unitId).toBe(org.stationB.id);
    const r = await officerA.post('/api/v1/warnings', {
      level: 'high',
      fraudTypes: ['impersonate_authority'],
      subject: { name: '假名', phone: '13600000002', address: '某地' },
      summary: '覆盖',
    });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ id: null, created: false, levelRaised: false, forwarded: true });
    const after = (await s.database.db.select().from(warnings).where(eq(warnings.id, b.body.id)))[0]!;
    expect(after.subject).toEqual(before.subject);
    expect(after.summary).toBe('原摘要');
    expect(after.level).toBe('medium');
    // (not updatedAt: B's own workflow may move the warning on meanwhile — auto-contact starts at once)
    expect(after.ruleHits).toEqual(before.ruleHits);
    expect(after.score).toBe(before.score);
    // the upstream batch path too
    const up = await officerA.post('/api/v1/warnings/upstream', {
      items: [
        { level: 'high', fraudTypes: ['impersonate_authority'], subject: { name: '假名', phone: '13600000002' } },
      ],
    });
    expect(up.status).toBe(200);
    expect(up.body.rows[0]).toEqual({ row: 1, ok: true });
    expect((await s.database.db.select().from(warnings).where(eq(warnings.id, b.body.id)))[0]!.subject).toEqual(
      before.subject,
    );
  });
});

describe('finding 7: one subject key for hand entries, upstream pushes and the engine', () => {
  it("the engine's evidence for a manually warned phone updates that warning instead of opening a second one", async () => {
    const m = await analyst.post('/api/v1/warnings', {
      level: 'medium',
      fraudTypes: ['impersonate_authority'],
      subject: { phone: '+86 137-0000-0007' },
    });
    expect(m.status).toBe(201);
    const key = eventKeys({ type: 'call', subject: { phone: '13700000007' } })[0]!;
    const r = await s.database.db.transaction((tx) =>
      upsertWarning(tx, 'engine', {
        subjectKey: key,
        subject: { phone: '13700000007' },
        level: 'high',
        score: 90,
        fraudTypes: [],
        ruleHits: [],
        evidenceEventIds: [],
      }),
    );
    expect(r).toMatchObject({ id: m.body.id, created: false, levelRaised: true });
    const open = await s.database.db.select().from(warnings).where(eq(warnings.subjectKey, key));
    expect(open).toHaveLength(1);
  });
});

describe("finding 8: a victim report touches the reporter's jurisdiction only", () => {
  it("station A's report of station B's warned phone flags nothing and says nothing; the centre's does", async () => {
    expect(
      (await analyst.post('/api/v1/residents', { name: '蓝青', phone: '13600000008', unitId: org.gridB.id })).status,
    ).toBe(201);
    const w = await analyst.post('/api/v1/warnings', {
      level: 'low',
      fraudTypes: ['impersonate_authority'],
      subject: { phone: '13600000008' },
    });
    await s.database.db
      .update(warnings)
      .set({ status: 'closed', closedAt: new Date(Date.now() - 86_400_000) })
      .where(eq(warnings.id, w.body.id));
    const at = new Date().toISOString();
    const a = await officerA.post('/api/v1/victims', {
      source: 'case',
      reference: 'A-1',
      subject: { phone: '13600000008' },
      defraudedAt: at,
    });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ flaggedCount: 0, flaggedWarnings: [] });
    expect(await s.database.db.select().from(warningFlags).where(eq(warningFlags.warningId, w.body.id))).toHaveLength(
      0,
    );
    // same answer as for a phone never warned
    const never = await officerA.post('/api/v1/victims', {
      source: 'case',
      reference: 'A-2',
      subject: { phone: '13600000009' },
      defraudedAt: at,
    });
    expect(never.body).toMatchObject({ flaggedCount: 0, flaggedWarnings: [] });
    const c = await analyst.post('/api/v1/victims', {
      source: 'case',
      reference: 'C-1',
      subject: { phone: '13600000008' },
      defraudedAt: at,
    });
    expect(c.body).toMatchObject({ flaggedCount: 1, flaggedWarnings: [w.body.id] });
  });
});

describe('finding 3: a refused settings change writes nothing; no partner token, no internal webhook targets', () => {
  it('a warnings:write token is refused and nothing is saved or audited', async () => {
    const admin = await s.login();
    const created = await admin.post('/api/v1/tokens', {
      name: 'bank feed',
      unitId: org.stationA.id,
      scopes: ['warnings:write'],
    });
    expect(created.status).toBe(201);
    const token = new Client(s.url, { authorization: `Bearer ${created.body.token}` });
    const put = await token.request('PUT', `/api/v1/units/${org.stationA.id}/notification-settings`, {
      dutyUserId: null,
      webhookUrl: 'https://robot.example.com/hook',
    });
    expect(put.status).toBe(403);
    const saved = await analyst.get(`/api/v1/units/${org.stationA.id}/notification-settings`);
    expect(saved.body.webhookUrl).toBeNull();
    const trail = await admin.get(`/api/v1/audit?entityType=unit_notification_settings&entityId=${org.stationA.id}`);
    expect(trail.body.items).toEqual([]);
    // the same token with read and write: still no
    const both = await admin.post('/api/v1/tokens', {
      name: 'bank feed 2',
      unitId: org.stationA.id,
      scopes: ['warnings:write', 'warnings:read'],
    });
    const t2 = new Client(s.url, { authorization: `Bearer ${both.body.token}` });
    expect(
      (
        await t2.request('PUT', `/api/v1/units/${org.stationA.id}/notification-settings`, {
          dutyUserId: null,
          webhookUrl: 'https://robot.example.com/hook',
        })
      ).status,
    ).toBe(403);
    expect((await analyst.get(`/api/v1/units/${org.stationA.id}/notification-settings`)).body.webhookUrl).toBeNull();
  });

  it('loopback, link-local and private webhook targets are refused (400 webhookUrl), a public one is kept', async () => {
    for (const url of [
      'http://127.0.0.1:9/robot',
      'http://localhost/x',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/x',
      'http://10.1.2.3/x',
      'http://192.168.1.1/x',
      'http://[::ffff:127.0.0.1]/x',
      'http://0.0.0.0/x',
    ]) {
      const r = await officerA.request('PUT', `/api/v1/units/${org.stationA.id}/notification-settings`, {
        dutyUserId: null,
        webhookUrl: url,
      });
      expect(r.status, url).toBe(400);
      expect(r.body.field).toBe('webhookUrl');
    }
    expect((await analyst.get(`/api/v1/units/${org.stationA.id}/notification-settings`)).body.webhookUrl).toBeNull();
    const ok = await officerA.request('PUT', `/api/v1/units/${org.stationA.id}/notification-settings`, {
      dutyUserId: null,
      webhookUrl: 'https://93.184.216.34/robot',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.webhookUrl).toBe('https://93.184.216.34/robot');
  });
});

describe('finding 11: reads of case intake requests are audited; searched identifiers are not kept in full', () => {
  it('GET /case-intake writes an audit row; a resident search stores the searched phone masked', async () => {
    const admin = await s.login();
    expect((await analyst.get('/api/v1/case-intake')).status).toBe(200);
    const trail = await admin.get('/api/v1/audit?entityType=case_intake_request&action=view');
    expect(trail.body.items.length).toBeGreaterThan(0);
    expect(
      (await analyst.post('/api/v1/residents', { name: '覃十一', phone: '13600000011', unitId: org.gridA.id })).status,
    ).toBe(201);
    expect((await officerA.get('/api/v1/residents?q=13600000011')).body.items).toHaveLength(1);
    const rows = (await admin.get('/api/v1/audit?entityType=resident&action=view')).body.items as {
      details: { query?: { q?: string } };
    }[];
    const searched = rows.find((r) => r.details?.query?.q);
    expect(searched?.details.query?.q).toBe('136****0011');
    expect(JSON.stringify((await admin.get('/api/v1/audit?pageSize=200')).body)).not.toContain('13600000011');
  });
});

describe('finding 12: the generated first-start admin password must be changed', () => {
  it('bootstrapAdmin without a configured password marks the account must-change', async () => {
    const { createTestDatabase } = await import('../harness/db.ts');
    const { bootstrapAdmin } = await import('../../server/modules/users/bootstrap.ts');
    const { users } = await import('../../server/modules/users/schema.ts');
    const d = await createTestDatabase();
    try {
      const r = await bootstrapAdmin(d.db);
      expect(r).toMatchObject({ created: true, generated: true });
      expect((await d.db.select().from(users))[0]!.mustChangePassword).toBe(true);
    } finally {
      await d.close();
    }
  });
});

describe("finding 13: configuration that applies everywhere is the centre's", () => {
  it('a district analyst may not change the rules, the time limits, nor delete a built-in allow-list entry; the city analyst may', async () => {
    const district = await s.login('districtAnalyst', USER_PASSWORD);
    const cfg = (await analyst.get('/api/v1/dissuasion/config')).body;
    const body = { levels: cfg.sla.levels, followupDays: cfg.followup.days };
    expect((await district.request('PUT', '/api/v1/dissuasion/config', body)).status).toBe(403);
    expect((await analyst.request('PUT', '/api/v1/dissuasion/config', body)).status).toBe(200);
    const rules = (await analyst.get('/api/v1/rules/config')).body;
    const put = { config: rules.config, note: 'probe' };
    expect((await district.request('PUT', '/api/v1/rules/config', put)).status).toBe(403);
    const builtin = (await analyst.get('/api/v1/indicators?pageSize=200')).body.items.find(
      (i: { source: string }) => i.source === 'builtin',
    );
    expect(builtin).toBeDefined();
    expect((await district.delete(`/api/v1/indicators/${builtin.id}`)).status).toBe(403);
    expect((await analyst.get(`/api/v1/indicators/${builtin.id}`)).status).toBe(200);
  });
});

describe('finding 14: the demo voice secret is generated per start', () => {
  it('two demo starts sign with two different, long secrets', async () => {
    const { demoChannels } = await import('../../server/modules/dissuasion/demo.ts');
    const a = await demoChannels({}),
      b = await demoChannels({});
    try {
      expect(a.channels.voiceGatewaySecret).not.toBe(b.channels.voiceGatewaySecret);
      expect(a.channels.voiceGatewaySecret!.length).toBeGreaterThanOrEqual(32);
      expect(a.channels.voiceGatewaySecret).not.toBe('zhiwang-demo-secret-0123456789');
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});

describe('finding 15: with no automatic channel a warning moves straight on', () => {
  it('a 中 warning on a plain server (no voice gateway, no SMSC) reaches the centre review at once, not after retries', async () => {
    const { waitFor } = await import('../harness/dissuasion.ts');
    const r = await analyst.post('/api/v1/warnings', {
      level: 'medium',
      fraudTypes: ['impersonate_authority'],
      subject: { phone: '13600000015' },
    });
    expect(r.status).toBe(201);
    const wf = await waitFor(
      async () => {
        const x = (await analyst.get(`/api/v1/warnings/${r.body.id}/workflow`)).body;
        return x.status !== 'auto_contact' && x.status !== 'new' && x;
      },
      5_000,
      'moved on',
    );
    expect(wf.status).toBe('review');
    expect(wf.countdowns.map((c: { timer: string }) => c.timer)).not.toContain('call_retry');
  });
});
