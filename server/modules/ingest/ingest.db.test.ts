import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../test/harness/server.ts';
import { seedOrg } from '../../../test/factories.ts';
import { createDetectionRuntime, type DetectionRuntime, type WarningNotice } from '../detection/index.ts';
import { residentIdCheckChar } from '../identifiers/index.ts';
import { countEvents } from './service.ts';

const idNo = (first17: string) => first17 + residentIdCheckChar(first17);
const t0 = Date.parse('2026-06-19T09:00:00+08:00');
const iso = (min: number) => new Date(t0 + min * 60_000).toISOString().replace('Z', '+00:00');
const call = (id: string, phone: string, peer: string, sec: number, min = 0) => ({
  id,
  source: 'telecom.cmcc',
  type: 'call',
  occurredAt: iso(min),
  subject: { phone },
  peer,
  direction: 'in',
  durationSec: sec,
  result: 'answered',
});

let s: TestServer;
let partner: Client;
let runtime: DetectionRuntime;
const notices: WarningNotice[] = [];

beforeAll(async () => {
  s = await startTestServer();
  await seedOrg(s.database.db);
  const admin = await s.login();
  const tok = await admin.post('/api/v1/tokens', { name: '移动河池', scopes: ['events:write'] });
  expect(tok.status).toBe(201);
  partner = s.anonymous().withBearer(tok.body.token);
  runtime = createDetectionRuntime({ db: s.database.db, pollMs: 50 });
  runtime.onWarning((w) => notices.push(w));
  await runtime.start();
});
afterAll(async () => {
  await runtime?.stop();
  await s?.close();
});

describe('POST /api/v1/events', () => {
  it('rejects an event dated in the future by index and field, and keeps the rest of the batch', async () => {
    const soon = new Date(Date.now() + 60_000).toISOString(); // within the partner clock-skew tolerance
    const res = await partner.post('/api/v1/events', [
      { ...call('f1', '13800138011', '10086', 30), occurredAt: '2099-01-01T00:00:00+08:00' },
      { ...call('f2', '13800138011', '10086', 30), occurredAt: soon },
      call('f3', '13800138011', '10086', 30),
    ]);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['rejected', 'accepted', 'accepted']);
    expect(res.body.results[0]).toMatchObject({
      index: 0,
      id: 'f1',
      field: 'occurredAt',
      reason: expect.stringMatching(/future/),
    });
  });

  it('keeps the valid events of a mixed batch and reports every event by index', async () => {
    const res = await partner.post('/api/v1/events', [
      call('m1', '13800138001', '10086', 30),
      { ...call('m2', '13800138001', '10086', 30), type: 'fax' },
      { ...call('m3', '13800138001', '10086', 30), subject: { name: '张三' } },
      { ...call('m4', '13800138001', '10086', 30), durationSec: -5 },
      call('m1', '13800138001', '10086', 30),
      42,
      { ...call('m5', '13800138001', '10086', 30), subject: { phone: 'abc' } },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual([
      'accepted',
      'rejected',
      'rejected',
      'rejected',
      'duplicate',
      'rejected',
      'rejected',
    ]);
    expect(res.body.results[1].reason).toMatch(/unknown event type/);
    expect(res.body.results[2].reason).toMatch(/at least one of phone, idNumber, account/);
    expect(res.body.results[3].field).toBe('durationSec');
    expect(res.body.results[6].field).toBe('subject.phone');
    expect(res.body).toMatchObject({ accepted: 1, duplicate: 1, rejected: 5 });
  });

  it('takes NDJSON; a malformed line is rejected by its index and does not poison the batch', async () => {
    const body = [
      JSON.stringify(call('n1', '13800138002', '10086', 30)),
      '{"id": "broken',
      '',
      JSON.stringify(call('n2', '13800138002', '10086', 30)),
    ].join('\n');
    const res = await partner.post('/api/v1/events', body, { 'content-type': 'application/x-ndjson' });
    expect(res.status).toBe(200);
    expect(res.body.results).toMatchObject([
      { index: 0, status: 'accepted' },
      { index: 1, status: 'rejected' },
      { index: 2, status: 'accepted' },
    ]);
    expect(res.body.results[1].reason).toMatch(/malformed JSON/);
  });

  it('replaying a batch is harmless: all duplicates, nothing stored twice; one audit row per stored batch', async () => {
    const audits = async () =>
      Number(
        (
          (await s.database.db.execute(
            sql`select count(*)::int as n from audit_log where entity_type = 'events'`,
          )) as unknown as { rows: { n: number }[] }
        ).rows[0]!.n,
      );
    const a0 = await audits();
    const batch = [call('r1', '13800138003', '10086', 30), call('r2', '13800138003', '10086', 40)];
    expect((await partner.post('/api/v1/events', batch)).body.accepted).toBe(2);
    expect(await audits()).toBe(a0 + 1);
    const before = await countEvents(s.database.db);
    const again = await partner.post('/api/v1/events', batch);
    expect(again.body).toMatchObject({ accepted: 0, duplicate: 2, rejected: 0 });
    expect((await countEvents(s.database.db)).total).toBe(before.total);
    expect(await audits()).toBe(a0 + 1);
  });

  it('answers 400 to a body that is not a list of events, 413 beyond the limits, 401 without a token', async () => {
    expect((await partner.post('/api/v1/events', { id: 'x' })).status).toBe(400);
    expect((await partner.post('/api/v1/events', '[1,2', { 'content-type': 'application/json' })).status).toBe(400);
    const many = Array.from({ length: 10_001 }, (_, i) => call(`big${i}`, '13800138004', '10086', 1));
    expect((await partner.post('/api/v1/events', many)).status).toBe(413);
    const huge = JSON.stringify([{ ...call('h', '13800138004', '10086', 1), pad: 'x'.repeat(11 * 1024 * 1024) }]);
    expect((await partner.post('/api/v1/events', huge, { 'content-type': 'application/json' })).status).toBe(413);
    expect((await s.anonymous().post('/api/v1/events', [call('a1', '13800138004', '10086', 1)])).status).toBe(401);
  });

  it('the same limits hold for NDJSON and file import: more than 10,000 events or 10 MB → 413, nothing stored', async () => {
    const before = (await countEvents(s.database.db)).total;
    const lines = Array.from({ length: 10_001 }, (_, i) =>
      JSON.stringify(call(`nd${i}`, '13800138006', '10086', 1)),
    ).join('\n');
    expect((await partner.post('/api/v1/events', lines, { 'content-type': 'application/x-ndjson' })).status).toBe(413);
    const hugeLines = JSON.stringify(call('ndh', '13800138006', '10086', 1)) + '\n' + 'x'.repeat(11 * 1024 * 1024);
    expect((await partner.post('/api/v1/events', hugeLines, { 'content-type': 'application/x-ndjson' })).status).toBe(
      413,
    );
    const header = 'type,id,source,occurredAt,subject.phone,peer,direction,durationSec,result';
    const rows = Array.from(
      { length: 10_001 },
      (_, i) => `call,f${i},telecom.cmcc,${iso(0)},13800138006,10086,in,1,answered`,
    );
    const upload = async (text: string) => {
      const form = new FormData();
      form.append('file', new Blob([text], { type: 'text/csv' }), 'events.csv');
      const r = await fetch(`${s.url}/api/v1/events/import`, { method: 'POST', body: form, headers: partner.headers });
      return r.status;
    };
    expect(await upload([header, ...rows].join('\n'))).toBe(413);
    // the oversized file right after that 413, on the same keep-alive connection (once got through as a 200)
    expect(await upload(header + '\n' + 'x'.repeat(11 * 1024 * 1024))).toBe(413);
    expect((await countEvents(s.database.db)).total).toBe(before);
  });

  it('a user without events:write is refused', async () => {
    const admin = await s.login();
    expect((await admin.post('/api/v1/events', [call('adm1', '13800138005', '10086', 1)])).status).toBe(403);
  });
});

describe('detection: stored events become warnings with plain-Chinese evidence (seed stories in full: seeds.db.test.ts)', () => {
  it('孙女士: a long "00"-prefixed call then a transfer to a new account', async () => {
    const phone = '13907780001',
      id = idNo('45120219650312002'),
      account = '6222020200112233445';
    const res = await partner.post('/api/v1/events', [
      call('sun-1', phone, '0085296110110', 1500, 0),
      {
        id: 'sun-2',
        source: 'bank.icbc',
        type: 'transaction',
        occurredAt: iso(40),
        subject: { phone, idNumber: id, account },
        account,
        kind: 'transfer',
        channel: 'mobile',
        direction: 'out',
        amount: 180_000,
        peerAccount: '6217995550001234567',
        peerName: '李某',
      },
    ]);
    expect(res.body.accepted).toBe(2);
    const w = await waitFor(async () => {
      const list = await (await analyst()).get(`/api/v1/warnings?phone=${encodeURIComponent(phone)}`);
      return list.body.items?.[0];
    });
    expect(['high', 'medium']).toContain(w.level);
    const detail = await (await analyst()).get(`/api/v1/warnings/${w.id}`);
    expect(detail.status).toBe(200);
    const lines = detail.body.evidence.map((e: { description: string }) => e.description);
    expect(lines.join('\n')).toMatch(/境外来电 0085296110110 通话 25 分钟/);
    expect(lines.join('\n')).toMatch(/手机银行转账 180,000 元/);
    expect(notices.some((n) => n.id === w.id && n.created)).toBe(true);
  });

  it('韦先生: a bank counter alert of 1.1M; new evidence updates the same warning', async () => {
    const phone = '13907780002';
    await partner.post('/api/v1/events', [
      {
        id: 'wei-1',
        source: 'bank.ccb',
        type: 'alert',
        occurredAt: iso(0),
        subject: { phone, name: '韦某' },
        partnerKind: 'bank',
        unit: '建设银行金城江支行',
        note: '客户坚持转账110万元给"公检法"安全账户',
        amount: 1_100_000,
      },
    ]);
    const w = await waitFor(
      async () => (await (await analyst()).get(`/api/v1/warnings?phone=${phone}`)).body.items?.[0],
    );
    expect(w.level).toBe('high');
    await partner.post('/api/v1/events', [{ ...call('wei-2', phone, '+85261234567', 900, 5) }]);
    await runtime.idle();
    const list = await (await analyst()).get(`/api/v1/warnings?phone=${phone}`);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0].hitCount).toBeGreaterThan(w.hitCount);
  });
});

describe('CSV import', () => {
  it('imports rows with a payload column or flat columns and reports row by row', async () => {
    const csv = [
      'type,id,source,occurredAt,subject.phone,subject.account,payload,peer,direction,durationSec,result',
      `call,c1,telecom.cmcc,${iso(0)},13800138010,,,10086,in,65,answered`,
      `transaction,c2,bank.icbc,${iso(1)},13800138010,6222020200112233999,"{""account"":""6222020200112233999"",""kind"":""deposit"",""channel"":""atm"",""direction"":""in"",""amount"":500}",,,,`,
      `call,c3,telecom.cmcc,${iso(2)},13800138010,,{bad json,,,,`,
      `call,c4,telecom.cmcc,${iso(3)},13800138010,,,10086,in,abc,answered`,
    ].join('\r\n');
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'events.csv');
    const res = await fetch(`${s.url}/api/v1/events/import`, { method: 'POST', body: form, headers: partner.headers });
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body.results.map((r: { index: number; status: string }) => [r.index, r.status])).toEqual([
      [2, 'accepted'],
      [3, 'accepted'],
      [4, 'rejected'],
      [5, 'rejected'],
    ]);
    expect(body.results[2].reason).toMatch(/payload/);
    expect(body.results[3].field).toBe('durationSec');
  });
});

async function analyst() {
  return s.login('analyst', 'Officer-pass-1234');
}

async function waitFor<T>(f: () => Promise<T | undefined>, ms = 3000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
