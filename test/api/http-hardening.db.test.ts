import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrg, USER_PASSWORD } from '../factories.ts';
import { startTestServer, type Client, type TestServer } from '../harness/server.ts';
import { findUnstorableText } from '../../server/platform/text/unstorable.ts';

// Findings 5, 9 and 14 of the hardening probe (issue 10): cross-origin requests on the session cookie, deeply
// nested JSON and out-of-range dates, browser security headers, one answer for a missing purpose.
let s: TestServer;
let admin: Client;
let analyst: Client;
let officerA: Client;
beforeAll(async () => {
  s = await startTestServer();
  await seedOrg(s.database.db);
  admin = await s.login();
  analyst = await s.login('analyst', USER_PASSWORD);
  officerA = await s.login('officerA', USER_PASSWORD);
});
afterAll(async () => {
  await s?.close();
});

const event = (id: string) => [
  {
    id,
    source: 'police.96110',
    type: 'report',
    occurredAt: new Date().toISOString(),
    subject: { phone: '13800000001' },
    text: 'x',
  },
];

describe('finding 5: CSRF', () => {
  it('a state-changing request on the session cookie from another origin is refused and writes nothing', async () => {
    const officer = (await admin.get('/api/v1/users?q=officerB')).body.items[0];
    const evil = { origin: 'http://evil.example' };
    const r = await admin.post(`/api/v1/users/${officer.id}/reset-password`, {}, evil);
    expect(r.status).toBe(403);
    // another port on the same host is another origin; a text/plain form, a no-cors fetch
    const other = s.url.replace(/:\d+$/, ':1');
    const f = await analyst.request('POST', '/api/v1/events', JSON.stringify(event('csrf-1')), {
      'content-type': 'text/plain',
      origin: other,
    });
    expect(f.status).toBe(403);
    const site = await analyst.request('POST', '/api/v1/events', event('csrf-2'), { 'sec-fetch-site': 'same-site' });
    expect(site.status).toBe(403);
    const nullOrigin = await analyst.request('POST', '/api/v1/events', event('csrf-3'), { origin: 'null' });
    expect(nullOrigin.status).toBe(403);
    const referer = await analyst.request('POST', '/api/v1/events', event('csrf-4'), {
      referer: 'http://evil.example/page',
    });
    expect(referer.status).toBe(403);
    // nothing stored: posting them now from this origin stores them as new
    const ok = await analyst.request(
      'POST',
      '/api/v1/events',
      [...event('csrf-1'), ...event('csrf-2').map((e) => ({ ...e, id: 'csrf-2' }))],
      { origin: s.url },
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ accepted: 2, duplicate: 0 });
    // reads are not state-changing; a partner token is not a cookie
    expect((await analyst.get('/api/v1/warnings', evil)).status).toBe(200);
    const tok = await admin.post('/api/v1/tokens', { name: 'feed', scopes: ['events:write'] }, { origin: s.url });
    const partner = s.anonymous().withBearer(tok.body.token);
    expect(
      (await partner.request('POST', '/api/v1/events', [{ ...event('csrf-5')[0], source: 'feed' }], evil)).status,
    ).not.toBe(403);
  });
});

describe('finding 9: hostile input is 400, never 500', () => {
  it('JSON nested 5,000 deep on login and on any JSON route', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const login = await s.anonymous().request('POST', '/api/v1/auth/login', `{"username":"admin","password":${deep}}`, {
      'content-type': 'application/json',
    });
    expect(login.status).toBe(400);
    const nested = await analyst.request(
      'POST',
      '/api/v1/warnings',
      `{"level":"high","x":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
      { 'content-type': 'application/json' },
    );
    expect(nested.status).toBe(400);
    // a deep value walked by the text check does not overflow either
    let v: unknown = 'ok';
    for (let i = 0; i < 100_000; i++) v = [v];
    expect(findUnstorableText(v)).toBeNull();
    expect(findUnstorableText({ a: [1, { b: 'x\u0000' }] })).toBe('a.1.b');
  });

  it('dates out of range are 400 on /warnings and /audit', async () => {
    for (const path of ['/api/v1/warnings?from=0000-01-01T00:00:00Z', '/api/v1/warnings?to=99999-01-01T00:00:00Z']) {
      const r = await analyst.get(path);
      expect(r.status, path).toBe(400);
    }
    expect((await admin.get('/api/v1/audit?from=0000-01-01T00:00:00Z')).status).toBe(400);
    expect((await analyst.get('/api/v1/warnings?from=2026-01-01T00:00:00Z')).status).toBe(200);
    expect((await admin.get('/api/v1/audit?from=2026-01-01T00:00:00Z')).status).toBe(200);
  });
});

describe('finding 14: headers and the missing purpose', () => {
  it('every answer carries CSP, X-Frame-Options and X-Content-Type-Options', async () => {
    for (const r of [
      await admin.get('/api/v1/warnings'),
      await s.anonymous().get('/api/v1/nope'),
      await s.anonymous().get('/api/v1/health'),
    ]) {
      expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(r.headers.get('x-frame-options')).toBe('DENY');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('unmasking without a purpose is 400 on field X-Purpose on every route', async () => {
    for (const path of [
      '/api/v1/warnings?unmask=true',
      '/api/v1/residents?unmask=true',
      '/api/v1/warnings/board?unmask=true',
      '/api/v1/followups?unmask=true',
    ]) {
      const r = await officerA.get(path);
      expect([path, r.status, r.body.field, r.body.reason]).toEqual([
        path,
        400,
        'X-Purpose',
        'state the purpose of seeing personal data (X-Purpose header)',
      ]);
    }
  });
});

describe("finding 6: an event's source is bound to the partner", () => {
  it("a bank token cannot speak as the police, nor store, pre-empt or probe another partner's events", async () => {
    const units = (await admin.get('/api/v1/units')).body.items as { id: string; name: string }[];
    const unit = (name: string) => units.find((u) => u.name === name)!.id;
    const mk = async (name: string, unitName: string) =>
      s
        .anonymous()
        .withBearer(
          (await admin.post('/api/v1/tokens', { name, unitId: unit(unitName), scopes: ['events:write'] })).body.token,
        );
    const icbc = await mk('icbc feed', '工商银行金城江支行');
    const telecom = await mk('cmcc feed', '中国移动河池分公司');
    const ev = (source: string, id: string) => ({ ...event(id)[0], source });
    const police = await icbc.post('/api/v1/events', [ev('police.96110', 'p-1')]);
    expect(police.body.results[0]).toMatchObject({ status: 'rejected', field: 'source' });
    // a source nobody bound is refused (first-use claims are off unless configured); the administrator binds it
    const unbound = await icbc.post('/api/v1/events', [ev('bank.icbc', 'b-0')]);
    expect(unbound.body.results[0]).toMatchObject({ status: 'rejected', field: 'source' });
    expect(unbound.body.results[0].reason).toMatch(/not bound/);
    for (const [source, unitName] of [
      ['bank.icbc', '工商银行金城江支行'],
      ['telecom.cmcc', '中国移动河池分公司'],
    ] as const)
      expect((await admin.request('PUT', `/api/v1/event-sources/${source}`, { unitId: unit(unitName) })).status).toBe(
        200,
      );
    expect((await icbc.post('/api/v1/events', [ev('bank.icbc', 'b-1')])).body.results[0].status).toBe('accepted');
    // the telecom re-posting the bank's id: refused, not "duplicate"; and a new id under the bank's source: refused
    const probe = await telecom.post('/api/v1/events', [
      ev('bank.icbc', 'b-1'),
      ev('bank.icbc', 'b-2'),
      ev('telecom.cmcc', 't-1'),
    ]);
    expect(probe.body.results.map((r: { status: string }) => r.status)).toEqual(['rejected', 'rejected', 'accepted']);
    // the bank's own later event b-2 is still its own to send
    expect(
      (await icbc.post('/api/v1/events', [ev('bank.icbc', 'b-2'), ev('bank.icbc', 'b-1')])).body.results.map(
        (r: { status: string }) => r.status,
      ),
    ).toEqual(['accepted', 'duplicate']);
    // police officers (session) still report under police sources
    expect((await analyst.post('/api/v1/events', event('p-2'), { origin: s.url })).body.results[0].status).toBe(
      'accepted',
    );
  });
});

describe('finding 10: no account oracle, no lock-out of others', () => {
  it('an unknown name and a real one answer alike, locked after five failures from that address only', async () => {
    const tries = async (username: string) => {
      const out: number[] = [];
      for (let i = 0; i < 6; i++)
        out.push((await s.anonymous().post('/api/v1/auth/login', { username, password: 'wrong-password-123' })).status);
      return out;
    };
    expect(await tries('nobody-here')).toEqual([401, 401, 401, 401, 429, 429]);
    expect(await tries('leader')).toEqual([401, 401, 401, 401, 429, 429]);
    // the lock is the address's, not the account's: the account's own state is untouched
    const leader = (await admin.get('/api/v1/users?q=leader')).body.items[0];
    expect(leader.locked).toBe(false);
  });

  it("registering an ID number held in another station's registry is not a 409 oracle; in one's own it is", async () => {
    const units = (await admin.get('/api/v1/units')).body.items as { id: string; name: string }[];
    const grid = (name: string) => units.find((u) => u.name === name)!.id;
    expect(
      (
        await analyst.post(
          '/api/v1/residents',
          { name: '黄一', idNumber: '11010519491231002X', unitId: grid('城东社区') },
          { origin: s.url },
        )
      ).status,
    ).toBe(201);
    const a = await officerA.post('/api/v1/residents', {
      name: '黄一',
      idNumber: '11010519491231002X',
      unitId: grid('城北社区'),
    });
    expect(a.status).toBe(201);
    const again = await officerA.post('/api/v1/residents', {
      name: '黄一',
      idNumber: '11010519491231002X',
      unitId: grid('城北社区'),
    });
    expect(again.status).toBe(409);
  });
});

describe('finding 4 and 9: spreadsheets are measured before parsing; broken ones are 400', () => {
  const upload = (c: Client, path: string, data: Buffer, name = 'f.xlsx') => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(data)]), name);
    return fetch(s.url + path, { method: 'POST', headers: { cookie: c.cookie, origin: s.url }, body: form });
  };
  it('a broken or truncated XLSX on residents/import and warnings/upstream/file is 400; too many rows 413', async () => {
    for (const path of ['/api/v1/residents/import', '/api/v1/warnings/upstream/file', '/api/v1/events/import']) {
      const r = await upload(analyst, path, Buffer.from('PK\u0003\u0004 truncated'));
      expect(r.status, path).toBe(400);
    }
    const csv = Buffer.from(
      '姓名,手机号\n' + Array.from({ length: 50_001 }, (_, i) => `某${i},138${String(i).padStart(8, '0')}`).join('\n'),
    );
    expect((await upload(analyst, '/api/v1/residents/import', csv, 'r.csv')).status).toBe(413);
  });
});
