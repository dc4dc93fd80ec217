import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../harness/server.ts';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../factories.ts';
import { readXlsx } from '../../server/platform/xlsx.ts';

let server: TestServer;
let org: TestOrg;
let admin: Client;
let officerA: Client;
let officerB: Client;
const residentIds: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  org = await seedOrg(server.database.db);
  admin = await server.login();
  officerA = await server.login('officerA', USER_PASSWORD);
  officerB = await server.login('officerB', USER_PASSWORD);
  const a = await officerA.post('/api/v1/residents', {
    name: '罗小明',
    idNumber: '11010519491231002X',
    phone: '13800138000',
    address: '金城江区城北社区新建路8号',
    unitId: org.gridA.id,
  });
  expect(a.status).toBe(201);
  residentIds.a = a.body.id;
  const b = await officerB.post('/api/v1/residents', {
    name: '韦大山',
    phone: '+86 139-0013-9000',
    unitId: org.gridB.id,
  });
  expect(b.status).toBe(201);
  residentIds.b = b.body.id;
});
afterAll(() => server.close());

describe('jurisdiction scoping', () => {
  it("a station officer gets 404 for another station's resident, and sees their own", async () => {
    expect((await officerA.get(`/api/v1/residents/${residentIds.b}`)).status).toBe(404);
    expect((await officerB.get(`/api/v1/residents/${residentIds.a}`)).status).toBe(404);
    expect((await officerA.get(`/api/v1/residents/${residentIds.a}`)).status).toBe(200);
  });

  it('listings contain only records inside the jurisdiction; the city sees both', async () => {
    const a = await officerA.get('/api/v1/residents');
    expect(a.body.items.map((r: any) => r.id)).toEqual([residentIds.a]);
    const analyst = await server.login('analyst', USER_PASSWORD);
    expect((await analyst.get('/api/v1/residents')).body.total).toBe(2);
    const district = await server.login('districtAnalyst', USER_PASSWORD);
    expect((await district.get('/api/v1/residents')).body.items.map((r: any) => r.id)).toEqual([residentIds.a]);
  });

  it("a station cannot create records in another station's grid", async () => {
    const res = await officerA.post('/api/v1/residents', { name: '某人', unitId: org.gridB.id });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('unitId');
  });

  it('a bank liaison sees its own unit only and no residents', async () => {
    const bank = await server.login('bank', USER_PASSWORD);
    const units = await bank.get('/api/v1/units');
    expect(units.body.items.map((u: any) => u.name)).toEqual(['工商银行金城江支行']);
    expect((await bank.get('/api/v1/residents')).status).toBe(403);
    expect((await bank.get(`/api/v1/units/${org.stationA.id}`)).status).toBe(404);
  });
});

describe('masking and the audit of personal data', () => {
  it('shows personal data masked by default and full only on request for a permitted role, auditing each view', async () => {
    const masked = await officerA.get(`/api/v1/residents/${residentIds.a}`);
    expect(masked.body).toMatchObject({ phone: '138****8000', masked: true });
    expect(masked.body.idNumber).not.toContain('19491231');
    expect(masked.body.name).not.toBe('罗小明');
    const full = await officerA.get(`/api/v1/residents/${residentIds.a}?unmask=true`, {
      'x-purpose': encodeURIComponent('预警劝阻核查'),
    });
    expect(full.body).toMatchObject({ idNumber: '11010519491231002X', name: '罗小明', masked: false });
    const log = await admin.get(`/api/v1/audit?entityType=resident&entityId=${residentIds.a}`);
    const actions = log.body.items.map((r: any) => [r.action, r.actorName, r.purpose]);
    expect(actions).toContainEqual(['view_unmasked', 'officerA', '预警劝阻核查']);
    expect(actions).toContainEqual(['view', 'officerA', null]);
  });

  it('refuses unmasked personal data without a purpose (X-Purpose): 400 on field purpose, nothing shown', async () => {
    const probes = [
      `/api/v1/residents/${residentIds.a}?unmask=true`,
      '/api/v1/residents?unmask=true',
      '/api/v1/warnings?unmask=true',
      '/api/v1/warnings/00000000-0000-0000-0000-000000000000?unmask=true',
    ];
    for (const path of probes) {
      for (const headers of [{}, { 'x-purpose': '%20%20' }] as Record<string, string>[]) {
        const res = await officerA.get(path, headers);
        expect([path, res.status, res.body.field]).toEqual([path, 400, 'X-Purpose']);
      }
    }
    const listed = await officerA.get('/api/v1/residents?unmask=true', { 'x-purpose': encodeURIComponent('核查') });
    expect(listed.status).toBe(200);
    expect(listed.body.items[0]).toMatchObject({ name: '罗小明', masked: false });
  });

  it('refuses to unmask for a role without the permission', async () => {
    const leader = await server.login('leader', USER_PASSWORD);
    expect((await leader.get(`/api/v1/residents/${residentIds.a}?unmask=true`)).status).toBe(403);
    expect((await leader.get(`/api/v1/residents/${residentIds.a}`)).status).toBe(200);
  });

  it('audits listings with the ids shown', async () => {
    await officerB.get('/api/v1/residents?q=韦大山');
    const log = await admin.get('/api/v1/audit?entityType=resident&action=view');
    const listing = log.body.items.find((r: any) => r.actorName === 'officerB' && r.details?.ids);
    expect(listing.details.ids).toEqual([residentIds.b]);
  });

  it('exports the audit log as Excel and records the export', async () => {
    const res = await admin.get('/api/v1/audit/export?entityType=resident');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect((res.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    const log = await admin.get('/api/v1/audit?action=export');
    expect(log.body.items[0]).toMatchObject({ entityType: 'audit_log', actorName: 'admin' });
    expect((await officerA.get('/api/v1/audit')).status).toBe(403);
  });
});

describe('the audit log is scoped to the reader', () => {
  it("a district admin reads and exports only the rows of actors in the district's subtree; the root admin all", async () => {
    const created = await admin.post('/api/v1/users', {
      username: 'districtAdmin',
      displayName: '金城江分局 管理员',
      role: 'admin',
      unitId: org.district.id,
      password: USER_PASSWORD,
    });
    expect(created.status).toBe(201);
    const districtAdmin = await server.login('districtAdmin', USER_PASSWORD);
    await officerA.get(`/api/v1/residents/${residentIds.a}`);
    await officerB.get(`/api/v1/residents/${residentIds.b}`);

    const seen = new Set(
      (await districtAdmin.get('/api/v1/audit?pageSize=500')).body.items.map((r: any) => r.actorName),
    );
    expect(seen).toContain('officerA');
    expect(seen).toContain('districtAdmin');
    expect(seen).not.toContain('officerB');
    expect(seen).not.toContain('admin');
    expect(seen).not.toContain('system');
    // a filter naming an outsider finds nothing rather than their rows
    const outsider = (await admin.get('/api/v1/users?q=officerB')).body.items[0].id;
    expect((await districtAdmin.get(`/api/v1/audit?actorId=${outsider}`)).body.total).toBe(0);

    const exported = await districtAdmin.get('/api/v1/audit/export');
    expect(exported.status).toBe(200);
    const { rows } = await readXlsx(exported.body as Buffer);
    const names = new Set(rows.map((r) => r.values['操作人 Actor']));
    expect(names).toContain('officerA');
    expect(names).not.toContain('officerB');

    const all = new Set((await admin.get('/api/v1/audit?pageSize=500')).body.items.map((r: any) => r.actorName));
    for (const name of ['officerA', 'officerB', 'admin', 'districtAdmin']) expect(all).toContain(name);
  });

  it('searching for % or _ matches those characters, not everything (audit, users, units)', async () => {
    expect((await admin.get('/api/v1/audit?q=%25')).body.total).toBe(0);
    expect((await admin.get('/api/v1/audit?q=_')).body.total).toBe(0);
    expect((await admin.get('/api/v1/audit?q=officer')).body.total).toBeGreaterThan(0);
    // the user and unit searches too
    expect((await admin.get('/api/v1/users?q=_')).body.total).toBe(0);
    expect((await admin.get('/api/v1/users?q=officer')).body.total).toBeGreaterThan(0);
    expect((await admin.get('/api/v1/units?q=%25')).body.total).toBe(0);
  });
});

describe('partner API tokens', () => {
  it('creates a token shown once, authenticates with it by scope, and revokes it', async () => {
    const created = await admin.post('/api/v1/tokens', {
      name: '河池移动 信令',
      unitId: org.telecom.id,
      scopes: ['events:write'],
    });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^zwt_/);
    const list = await admin.get('/api/v1/tokens');
    const row = list.body.items.find((t: any) => t.id === created.body.id);
    expect(JSON.stringify(row)).not.toContain(created.body.token);
    const partner = server.anonymous().withBearer(created.body.token);
    expect((await partner.get('/api/v1/units')).status).toBe(403); // no units:read scope
    expect((await partner.get('/api/v1/residents')).status).toBe(403);
    expect((await admin.delete(`/api/v1/tokens/${created.body.id}`)).status).toBe(204);
    expect((await partner.get('/api/v1/units')).status).toBe(401);
    expect((await server.anonymous().withBearer('zwt_forged').get('/api/v1/units')).status).toBe(401);
  });

  it('lists platform-wide tokens (no unit) to the platform admin', async () => {
    const created = await admin.post('/api/v1/tokens', { name: '省厅推送', scopes: ['events:write'] });
    expect(created.status).toBe(201);
    const list = await admin.get('/api/v1/tokens');
    expect(list.body.items.find((t: any) => t.id === created.body.id)).toMatchObject({
      unitId: null,
      name: '省厅推送',
    });
  });

  it('only lets admins create tokens, with known scopes', async () => {
    expect((await officerA.post('/api/v1/tokens', { name: 'x', scopes: ['events:write'] })).status).toBe(403);
    const bad = await admin.post('/api/v1/tokens', { name: 'x', scopes: ['root:all'] });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toMatch(/^scopes/);
  });
});

describe('bad input: 4xx with field and reason, nothing written', () => {
  it('wrong type, unknown field, missing field', async () => {
    const wrongType = await admin.post('/api/v1/units', { parentId: org.city.id, kind: 'district', code: 451221 });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body).toMatchObject({ error: 'validation_failed', field: 'code' });
    const unknown = await admin.post('/api/v1/units', {
      parentId: org.city.id,
      kind: 'district',
      code: '451221',
      colour: 'red',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ field: 'colour', reason: 'unknown field' });
    const missing = await admin.post('/api/v1/users', { username: 'abc', displayName: 'x', role: 'leader' });
    expect(missing.body).toMatchObject({ field: 'unitId', reason: 'required' });
    const units = await admin.get('/api/v1/units?kind=district');
    expect(units.body.items.map((u: any) => u.code)).not.toContain('451221');
  });

  it('malformed JSON, empty body, wrong content type, oversized body', async () => {
    const malformed = await admin.request('POST', '/api/v1/units', '{"parentId": ', {
      'content-type': 'application/json',
    });
    expect(malformed.status).toBe(400);
    const empty = await admin.request('POST', '/api/v1/units', '', { 'content-type': 'application/json' });
    expect(empty.status).toBe(400);
    const xml = await admin.request('POST', '/api/v1/units', '<unit/>', { 'content-type': 'application/xml' });
    expect(xml.status).toBe(415);
    const text = await admin.request('POST', '/api/v1/units', 'hello', { 'content-type': 'text/plain' });
    expect(text.status).toBe(400);
    const huge = await admin.request('POST', '/api/v1/units', JSON.stringify({ name: 'x'.repeat(2_000_000) }), {
      'content-type': 'application/json',
    });
    expect(huge.status).toBe(413);
  });

  it('domain checks: a fake division code, a code outside its parent, a role that does not fit its unit, a bad ID number', async () => {
    const fake = await admin.post('/api/v1/units', { parentId: org.city.id, kind: 'district', code: '451299' });
    expect(fake.body).toMatchObject({ field: 'code' });
    const outside = await admin.post('/api/v1/units', { parentId: org.city.id, kind: 'district', code: '110101' });
    expect(outside.body.reason).toContain('inside');
    const misfit = await admin.post('/api/v1/users', {
      username: 'misfit',
      displayName: 'x',
      role: 'bank_liaison',
      unitId: org.stationA.id,
    });
    expect(misfit.body).toMatchObject({ field: 'role' });
    const badId = await officerA.post('/api/v1/residents', {
      name: '某',
      idNumber: '110105194912310021',
      unitId: org.gridA.id,
    });
    expect(badId.body).toMatchObject({ field: 'idNumber' });
    const dup = await admin.post('/api/v1/users', {
      username: 'officerA',
      displayName: 'x',
      role: 'station_officer',
      unitId: org.stationA.id,
    });
    expect(dup.status).toBe(409);
  });

  it('unknown ids are 404 and unknown routes 404 JSON', async () => {
    expect((await admin.get('/api/v1/units/nope')).status).toBe(404);
    const route = await admin.get('/api/v1/nothing-here');
    expect(route.status).toBe(404);
    expect(route.body.error).toBe('not_found');
  });
});

describe('platform endpoints', () => {
  it('health and the OpenAPI document are public', async () => {
    const health = await server.anonymous().get('/api/v1/health');
    expect(health.body).toMatchObject({ status: 'ok', database: 'ok' });
    const doc = await server.anonymous().get('/api/openapi.json');
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/tokens', '/api/v1/residents/{id}']),
    );
    expect(doc.body.paths['/api/v1/tokens'].post.requestBody.content['application/json'].schema.required).toEqual([
      'name',
      'scopes',
    ]);
  });
});
