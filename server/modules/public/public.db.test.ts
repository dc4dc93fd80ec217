import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../../../test/factories.ts';
import { startTestServer, type Client, type TestServer } from '../../../test/harness/server.ts';
import { configurePublic } from './service.ts';
import { isValidWork, solve } from './pow.ts';

// The front door over real HTTP, no login: proof of work, reports (validation, screenshots, de-duplication, the
// engine's event), checks that answer from counts only; and the 96110 desk.
let s: TestServer;
let org: TestOrg;
let anon: Client;
let analyst: Client;
const rows = <T>(r: unknown) => ((r as { rows?: unknown[] }).rows ?? r) as T[];

beforeAll(async () => {
  configurePublic({ difficulty: 8, reportsPerMinute: 100, checksPerMinute: 100 });
  s = await startTestServer();
  org = await seedOrg(s.database.db);
  anon = s.anonymous();
  analyst = await s.login('analyst', USER_PASSWORD);
});
afterAll(async () => {
  await s?.close();
});

async function work() {
  const c = await anon.get('/api/v1/public/challenge');
  expect(c.status).toBe(200);
  expect(c.body.difficulty).toBe(8);
  return { challenge: c.body.challenge as string, nonce: solve(c.body.challenge, c.body.difficulty) };
}
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

describe('我要举报', () => {
  it('needs a solved, unused challenge', async () => {
    const body = { kind: 'phone', value: '+85261234567', description: '自称客服要求注销校园贷', consent: false };
    const w = await work();
    let bad = 0;
    while (isValidWork(w.challenge, `x${bad}`, 8)) bad++;
    const wrong = await anon.post('/api/v1/public/reports', { ...body, challenge: w.challenge, nonce: `x${bad}` });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toMatch(/nonce/);
    const w2 = await work();
    expect((await anon.post('/api/v1/public/reports', { ...body, challenge: 'f'.repeat(32), nonce: '1' })).status).toBe(
      400,
    );
    const ok = await anon.post('/api/v1/public/reports', { ...body, value: '13912345678', ...w2 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.id).toMatch(/^[0-9a-f-]{36}$/);
    const reused = await anon.post('/api/v1/public/reports', { ...body, value: '13912345679', ...w2 });
    expect(reused.status).toBe(400);
    expect(reused.body.message).toMatch(/challenge/);
  });

  it('refuses bad input with the field and writes nothing', async () => {
    const before = rows<{ n: number }>(
      await s.database.db.execute(sql`select count(*)::int as n from public_reports`),
    )[0]!.n;
    const r1 = await anon.post('/api/v1/public/reports', {
      kind: 'phone',
      value: 'abc',
      description: 'x',
      consent: true,
      ...(await work()),
    });
    expect(r1.status).toBe(400);
    expect(r1.body.message).toMatch(/value/);
    const r2 = await anon.post('/api/v1/public/reports', {
      kind: 'phone',
      value: '13912340000',
      description: 'x',
      contact: '13800001111',
      consent: false,
      ...(await work()),
    });
    expect(r2.body.message).toMatch(/consent/);
    const fake = await anon.post('/api/v1/public/reports', {
      kind: 'phone',
      value: '13912340000',
      description: 'x',
      consent: false,
      screenshots: [{ type: 'image/png', data: Buffer.from('<script>alert(1)</script>').toString('base64') }],
      ...(await work()),
    });
    expect(fake.status).toBe(400);
    expect(fake.body.message).toMatch(/screenshots\[0\]\.type/);
    const extra = await anon.post('/api/v1/public/reports', {
      kind: 'phone',
      value: '13912340000',
      description: 'x',
      consent: false,
      admin: true,
      ...(await work()),
    });
    expect(extra.status).toBe(400);
    expect(
      rows<{ n: number }>(await s.database.db.execute(sql`select count(*)::int as n from public_reports`))[0]!.n,
    ).toBe(before);
  });

  it('stores a screenshot of the declared type; the same report again is one report', async () => {
    const body = {
      kind: 'url',
      value: 'https://gjzf-anquan.top/login',
      description: '短信里的“国家反诈”链接',
      consent: true,
      contact: '13800002222',
      screenshots: [{ type: 'image/png', data: PNG.toString('base64') }],
    };
    const r = await anon.post('/api/v1/public/reports', { ...body, ...(await work()) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const again = await anon.post('/api/v1/public/reports', { ...body, ...(await work()) });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(r.body.id);
    const files = rows<{ type: string; size: number }>(
      await s.database.db.execute(sql`select type, size from public_report_files where report_id = ${r.body.id}`),
    );
    expect(files).toEqual([{ type: 'image/png', size: PNG.length }]);
  });

  it('a report with a contact number becomes a `report` event for the engine', async () => {
    const r = await anon.post('/api/v1/public/reports', {
      kind: 'phone',
      value: '00852 6123 4567',
      description: '冒充公检法，要求转账到安全账户',
      consent: true,
      contact: '13800003333',
      ...(await work()),
    });
    expect(r.status).toBe(201);
    const ev = rows<{ type: string; payload: { subject: { phone: string }; peers: string[]; text: string } }>(
      await s.database.db.execute(
        sql`select type, payload from events where source = 'public.report' and ext_id = ${r.body.id}`,
      ),
    );
    expect(ev).toHaveLength(1);
    expect(ev[0]!.type).toBe('report');
    expect(ev[0]!.payload.subject.phone).toBe('13800003333');
    expect(ev[0]!.payload.peers).toEqual(['00852 6123 4567']);
  });
});

describe('a report of a loss → a case-intake request', () => {
  it('with a contact: a high warning at the station and a pending intake request for the officer; no case', async () => {
    const r = await anon.post('/api/v1/public/reports', {
      kind: 'account',
      value: '6222021234567890128',
      description: '刷单返利，先后转账三次',
      consent: true,
      contact: '13800006666',
      loss: 12_800,
      ...(await work()),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const [rep] = rows<{ intake_id: string | null }>(
      await s.database.db.execute(sql`select intake_id from public_reports where id = ${r.body.id}`),
    );
    expect(rep!.intake_id).toBeTruthy();
    const list = await analyst.get('/api/v1/case-intake?status=pending');
    expect(list.status).toBe(200);
    const req = list.body.items.find((x: { id: string }) => x.id === rep!.intake_id);
    expect(req).toMatchObject({ loss: 12_800, disposition: 'reported', subject: { phone: '138****6666' } });
    const w = await analyst.get(`/api/v1/warnings/${req.warningId}`);
    expect(w.status).toBe(200);
    expect(w.body).toMatchObject({ level: 'high', status: expect.not.stringMatching(/^closed$/) });
    // the summary the system wrote has its code beside the Chinese; the person's words pass as they are
    expect(w.body.summary).toBe('群众举报：自述被骗 12800 元。举报账号 6222021234567890128：刷单返利，先后转账三次');
    expect(w.body.summaryText).toEqual([
      {
        code: 'summary.reported_loss',
        params: { channel: 'public', loss: 12_800, note: '举报账号 6222021234567890128：刷单返利，先后转账三次' },
      },
    ]);
    // reviewed by the station, not a case on its own
    const cases = rows<{ n: number }>(
      await s.database.db.execute(sql`select count(*)::int as n from cases where from_warning_id = ${req.warningId}`),
    );
    expect(cases[0]!.n).toBe(0);
  });

  it("a failed intake step is not a 500 and not lost: the reporter's retry completes it", async () => {
    // the workflow's database fails once, as the intake step starts (after the report was stored)
    const rt = s.app.dissuasion as unknown as { db: unknown };
    const real = rt.db;
    let failures = 0;
    Object.defineProperty(rt, 'db', {
      configurable: true,
      get() {
        failures++;
        throw new Error('database connection lost');
      },
    });
    const body = {
      kind: 'phone',
      value: '13912348888',
      description: '冒充客服退款，转账两次',
      consent: true,
      contact: '13800007777',
      loss: 6_600,
    };
    let first;
    try {
      first = await anon.post('/api/v1/public/reports', { ...body, ...(await work()) });
    } finally {
      Object.defineProperty(rt, 'db', { configurable: true, writable: true, value: real });
    }
    expect(failures).toBeGreaterThan(0);
    expect(first.status, JSON.stringify(first.body)).toBe(201); // the report is taken
    const intakeOf = async (id: string) =>
      rows<{ intake_id: string | null; event_id: string | null }>(
        await s.database.db.execute(sql`select intake_id, event_id from public_reports where id = ${id}`),
      )[0]!;
    expect((await intakeOf(first.body.id)).intake_id).toBeNull();
    const retry = await anon.post('/api/v1/public/reports', { ...body, ...(await work()) });
    expect(retry.status).toBe(200); // the same report: deduplicated…
    expect(retry.body.id).toBe(first.body.id);
    const done = await intakeOf(first.body.id); // …and its missing step done
    expect(done.intake_id).toBeTruthy();
    expect(done.event_id).toBeTruthy();
    const pending = (await analyst.get('/api/v1/case-intake?status=pending')).body.items.filter(
      (x: { subject: { phone: string } }) => x.subject.phone === '138****7777',
    );
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ id: done.intake_id, loss: 6_600 });
    // once complete, a third time adds nothing
    expect((await anon.post('/api/v1/public/reports', { ...body, ...(await work()) })).status).toBe(200);
    expect(
      (await analyst.get('/api/v1/case-intake?status=pending')).body.items.filter(
        (x: { subject: { phone: string } }) => x.subject.phone === '138****7777',
      ),
    ).toHaveLength(1);
  });

  it('without a contact there is nobody to open a case for: the report stays a report', async () => {
    const before = (await analyst.get('/api/v1/case-intake?status=pending')).body.items.length;
    const r = await anon.post('/api/v1/public/reports', {
      kind: 'phone',
      value: '13912347777',
      description: '冒充客服退款',
      consent: false,
      loss: 5_000,
      ...(await work()),
    });
    expect(r.status).toBe(201);
    expect((await analyst.get('/api/v1/case-intake?status=pending')).body.items.length).toBe(before);
  });
});

describe('abuse limits', () => {
  it('an address that sends too many reports in a minute gets 429', async () => {
    configurePublic({ reportsPerMinute: 2 });
    const t = await startTestServer();
    try {
      const c = t.anonymous();
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push(
          (
            await c.post('/api/v1/public/reports', {
              kind: 'phone',
              value: '1391234000' + i,
              description: 'x',
              consent: false,
              challenge: 'a',
              nonce: '1',
            })
          ).status,
        );
      expect(statuses).toEqual([400, 400, 429]);
    } finally {
      configurePublic({ reportsPerMinute: 100 });
      await t.close();
    }
  });
});

describe('风险查询', () => {
  it('unknown → 未发现风险; reported once → 可疑; reported by three → 高风险; never names a reporter', async () => {
    const check = (value: string) => anon.post('/api/v1/public/check', { kind: 'phone', value });
    const none = await check('13711112222');
    expect(none.body).toMatchObject({ verdict: 'no_risk_found', label: '未发现风险' });
    const once = await check('139 1234 5678'); // reported in the first test, written differently
    expect(once.body).toMatchObject({ verdict: 'suspicious', label: '可疑' });
    expect(JSON.stringify(once.body)).not.toMatch(/1380000|reporter|contact/);
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
      // distinct reporters: the test server trusts no proxy, so they are told apart by rows written as other addresses would
      await s.database.db
        .execute(sql`insert into public_reports (id, channel, kind, value, value_key, description, consent, ip_hash, created_at)
        values (${'r-' + ip}, 'web', 'phone', '13755556666', '13755556666', 'x', false, ${ip}, now())`);
    }
    expect((await check('13755556666')).body.verdict).toBe('high_risk');
    expect((await anon.post('/api/v1/public/check', { kind: 'phone', value: '' })).status).toBe(400);
  });

  it('a block-listed value is 高风险; an allow-listed one is not', async () => {
    expect(
      (
        await analyst.post('/api/v1/indicators', [
          { kind: 'phone', value: '13766667777', list: 'block', reason: '涉诈号码' },
        ])
      ).status,
    ).toBe(200);
    expect((await anon.post('/api/v1/public/check', { kind: 'phone', value: '13766667777' })).body.verdict).toBe(
      'high_risk',
    );
    expect((await anon.post('/api/v1/public/check', { kind: 'phone', value: '95588' })).body.verdict).toBe(
      'no_risk_found',
    );
  });

  it('education comes from the fraud-type catalogue', async () => {
    const r = await anon.get('/api/v1/public/education');
    expect(r.status).toBe(200);
    expect(r.body.items.map((i: { name: string }) => i.name)).toContain('刷单返利');
  });
});

describe('96110 desk', () => {
  it('logs a call and turns it into a report event or a warning in one action; counts it', async () => {
    const rep = await analyst.post('/api/v1/desk/calls', {
      callerPhone: '13800004444',
      topic: 'report',
      question: '接到自称客服电话要求注销校园贷',
      advice: '挂断，不转账',
      kind: 'phone',
      value: '+85261234568',
      turnInto: 'report',
    });
    expect(rep.status, JSON.stringify(rep.body)).toBe(201);
    expect(rep.body).toMatchObject({ outcome: 'report', callerPhone: '138****4444', reference: rep.body.id });
    const ev = rows(
      await s.database.db.execute(sql`select 1 from events where source = 'police.96110' and ext_id = ${rep.body.id}`),
    );
    expect(ev).toHaveLength(1);
    const warn = await analyst.post('/api/v1/desk/calls', {
      callerPhone: '13800005555',
      callerName: '王五',
      topic: 'consult',
      question: '有人让我下载会议软件',
      advice: '不要共享屏幕',
      turnInto: 'warning',
    });
    expect(warn.status, JSON.stringify(warn.body)).toBe(201);
    const w = await analyst.get(`/api/v1/warnings/${warn.body.reference}`);
    expect(w.status).toBe(200);
    expect(w.body.summary).toBe('96110 来电：有人让我下载会议软件');
    expect(w.body.summaryText).toEqual([{ code: 'summary.desk_call', params: { question: '有人让我下载会议软件' } }]);
    expect(
      (
        await analyst.post('/api/v1/desk/calls', {
          topic: 'victim',
          question: '被骗了',
          advice: '立即止付',
          turnInto: 'case_intake',
        })
      ).status,
    ).toBe(400);
    const list = await analyst.get('/api/v1/desk/calls');
    expect(list.body.total).toBe(2);
    const gridUser = await s.login('gridA', USER_PASSWORD);
    expect((await gridUser.post('/api/v1/desk/calls', { topic: 'consult', question: 'q', advice: 'a' })).status).toBe(
      403,
    );
    void org;
  });

  it('turns a defrauded caller into a pending case-intake request with the loss', async () => {
    const call = await analyst.post('/api/v1/desk/calls', {
      callerPhone: '13800008888',
      callerName: '赵六',
      topic: 'victim',
      question: '网上投资平台无法提现，已转账',
      advice: '立即止付，到派出所报案',
      fraudType: 'fake_investment',
      loss: 30_000,
      turnInto: 'case_intake',
    });
    expect(call.status, JSON.stringify(call.body)).toBe(201);
    expect(call.body.outcome).toBe('case_intake');
    const pendingOf = async (warningId: string) =>
      (await analyst.get('/api/v1/case-intake?status=pending')).body.items.filter(
        (x: { warningId: string }) => x.warningId === warningId,
      );
    const list = await pendingOf(call.body.reference);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ loss: 30_000, warningId: call.body.reference });
    expect(list[0].fraudTypes).toEqual(['fake_investment']);
    // the same person calling again: one request
    await analyst.post('/api/v1/desk/calls', {
      callerPhone: '13800008888',
      topic: 'victim',
      question: '又转了一笔',
      advice: '立即止付',
      loss: 5_000,
      turnInto: 'case_intake',
    });
    expect(await pendingOf(call.body.reference)).toHaveLength(1);
    // the station confirms the loss and closes the warning 已被骗: the pending request becomes the closure's
    // (one request for one victim, with the amount the officer confirmed), not a second one beside it
    const id = call.body.reference as string;
    // the caller's number resolves to no station: the centre routes it by hand to 金城江, whose officer signs
    const wf = async () => (await analyst.get(`/api/v1/warnings/${id}/workflow`)).body;
    for (let i = 0; i < 100 && (await wf()).status !== 'routing'; i++) await new Promise((r) => setTimeout(r, 50));
    const routed = await analyst.post(`/api/v1/warnings/${id}/actions`, { type: 'dispatch', unitId: org.stationA.id });
    expect(routed.status, JSON.stringify(routed.body)).toBe(200);
    const officer = await s.login('officerA', USER_PASSWORD);
    expect((await officer.post(`/api/v1/warnings/${id}/actions`, { type: 'sign' })).status).toBe(200);
    const close = await officer.post(`/api/v1/warnings/${id}/actions`, {
      type: 'close',
      disposition: 'defrauded',
      loss: 35_000,
      note: '核实：共转账两笔',
    });
    expect(close.status, JSON.stringify(close.body)).toBe(200);
    // …and the case module turns that one request into the case, with the confirmed amount; nothing left pending
    const caseOf = async () =>
      rows<{ loss: string; n: number }>(
        await s.database.db.execute(
          sql`select loss::text, (select count(*)::int from case_intake_requests where warning_id = ${id}) as n
              from cases where from_warning_id = ${id}`,
        ),
      )[0];
    for (let i = 0; i < 100 && !(await caseOf()); i++) await new Promise((r) => setTimeout(r, 50));
    expect(await caseOf()).toMatchObject({ n: 1 });
    expect(Number((await caseOf())!.loss)).toBe(35_000);
    expect(await pendingOf(id)).toHaveLength(0);
  });
});
