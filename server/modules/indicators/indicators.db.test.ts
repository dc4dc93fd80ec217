import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../test/harness/server.ts';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../../../test/factories.ts';
import { readXlsx } from '../../platform/xlsx.ts';
import { IndicatorStore } from '../engine/index.ts';
import { indicatorChangesSince, loadIndicators } from './service.ts';

let server: TestServer;
let org: TestOrg;
let analyst: Client;
let admin: Client;

beforeAll(async () => {
  server = await startTestServer();
  org = await seedOrg(server.database.db);
  analyst = await server.login('analyst', USER_PASSWORD);
  admin = await server.login();
});
afterAll(async () => {
  await server.close();
});

async function upload(client: Client, filename: string, body: Buffer | string, type = 'text/csv') {
  const form = new FormData();
  form.append('file', new Blob([typeof body === 'string' ? body : new Uint8Array(body)], { type }), filename);
  const res = await fetch(server.url + '/api/v1/indicators/import', {
    method: 'POST',
    body: form,
    headers: { cookie: client.cookie, ...client.headers },
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('bulk upsert', () => {
  it('writes the valid items and rejects the invalid ones with index and reason', async () => {
    const res = await analyst.post('/api/v1/indicators', [
      { kind: 'phone', value: '+86 138-0013-8000', reason: '冒充客服', fraudType: 'fake_customer_service' },
      { kind: 'phone', value: '12' },
      { kind: 'url', value: 'http://pay-refund.cn/login?id=1' },
      { kind: 'url', value: 'javascript:alert(1)' },
      { kind: 'app_package', value: 'not a package' },
      { kind: 'app_hash', value: 'abc' },
      { kind: 'domain', value: 'Fake-Invest.com.cn', list: 'block', confidence: 90 },
      { kind: 'phone', value: '17012345678', confidence: 101 },
      { kind: 'keyword', value: '安全账户' },
      { kind: 'fax', value: '1' },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(4);
    expect(res.body.rejected).toBe(6);
    const rejected = res.body.items
      .filter((i: any) => i.status === 'rejected')
      .map((i: any) => [i.index, i.problems[0].field]);
    expect(rejected).toEqual([
      [1, 'value'],
      [3, 'value'],
      [4, 'value'],
      [5, 'value'],
      [7, 'confidence'],
      [9, 'kind'],
    ]);
    expect(res.body.items[0]).toMatchObject({ status: 'created', value: '13800138000' });
    expect(res.body.items[6].value).toBe('fake-invest.com.cn');
  });

  it('treats differently written phone numbers as one indicator', async () => {
    const res = await analyst.post('/api/v1/indicators', [{ kind: 'phone', value: '13800138000', reason: '更新' }]);
    expect(res.body.items[0].status).toBe('updated');
    const list = await analyst.get('/api/v1/indicators?kind=phone&q=13800138000');
    expect(list.body.total).toBe(1);
    expect(list.body.items[0].reason).toBe('更新');
    const check = await analyst.get(
      `/api/v1/indicators/check?kind=phone&value=${encodeURIComponent('0086 138 0013 8000')}`,
    );
    expect(check.body).toMatchObject({ status: 'blocked', listed: true, key: '13800138000', reason: '更新' });
  });

  it('judges a URL by its registrable domain too, allow winning, expired blocks not counting', async () => {
    await analyst.post('/api/v1/indicators', [
      { kind: 'domain', value: 'evil-pay.cn', reason: '仿冒支付' },
      { kind: 'phone', value: '13500135000', validUntil: '2020-01-01T00:00:00Z' },
    ]);
    const url = await analyst.get(
      `/api/v1/indicators/check?kind=url&value=${encodeURIComponent('https://m.evil-pay.cn/a?b=1')}`,
    );
    expect(url.body).toMatchObject({ status: 'blocked', reason: '仿冒支付' });
    const qq = await analyst.get(
      `/api/v1/indicators/check?kind=url&value=${encodeURIComponent('https://weixin.qq.com/x')}`,
    );
    expect(qq.body.status).toBe('allowed');
    const expired = await analyst.get('/api/v1/indicators/check?kind=phone&value=13500135000');
    expect(expired.body).toMatchObject({ status: 'none', listed: true, reason: 'block entry expired' });
  });

  it('judges a URL on a bare IP by the IP list, as the engine does', async () => {
    const res = await analyst.post('/api/v1/indicators', [
      { kind: 'ip', value: '103.45.67.89', reason: '涉诈服务器' },
      { kind: 'ip', value: '[2001:DB8::1]' },
    ]);
    expect(res.body.rejected).toBe(0);
    const check = (u: string) => analyst.get(`/api/v1/indicators/check?kind=url&value=${encodeURIComponent(u)}`);
    expect((await check('http://103.45.67.89:8080/invest/login')).body).toMatchObject({
      status: 'blocked',
      reason: '涉诈服务器',
    });
    expect((await check('http://[2001:db8::1]/x')).body.status).toBe('blocked');
    expect((await check('http://103.45.67.90/')).body.status).toBe('none');
  });

  it('enforces indicators:write: an events:write token and a station officer get 403', async () => {
    const tok = await admin.post('/api/v1/tokens', {
      name: 'events only',
      unitId: org.telecom.id,
      scopes: ['events:write'],
    });
    const partner = server.anonymous().withBearer(tok.body.token);
    expect((await partner.post('/api/v1/indicators', [{ kind: 'phone', value: '13900139000' }])).status).toBe(403);
    const officer = await server.login('officerA', USER_PASSWORD);
    expect((await officer.post('/api/v1/indicators', [{ kind: 'phone', value: '13900139000' }])).status).toBe(403);
    expect((await upload(officer, 'x.csv', '类型,值\nphone,13900139000\n')).status).toBe(403);

    const writer = await admin.post('/api/v1/tokens', {
      name: '反诈平台',
      unitId: org.telecom.id,
      scopes: ['indicators:write'],
    });
    const feed = server.anonymous().withBearer(writer.body.token);
    const ok = await feed.post('/api/v1/indicators', [{ kind: 'phone', value: '13900139000' }]);
    expect(ok.status).toBe(200);
    expect(ok.body.created).toBe(1);
    const check = await analyst.get('/api/v1/indicators/check?kind=phone&value=13900139000');
    expect(check.body.entries[0].source).toBe('partner:反诈平台');
  });

  it('rejects more than 10,000 items as a whole', async () => {
    const items = Array.from({ length: 10_001 }, (_, i) => ({ kind: 'keyword', value: `词${i}` }));
    expect((await analyst.post('/api/v1/indicators', items)).status).toBe(400);
  });
});

describe('default allow-list', () => {
  it('is seeded with bank/operator numbers, big domains and common apps, but not 96110', async () => {
    for (const [kind, value] of [
      ['phone', '95588'],
      ['phone', '10086'],
      ['phone', '12381'],
      ['domain', 'weixin.qq.com'],
      ['domain', 'www.12306.cn'],
      ['app_package', 'com.hicorenational.antifraud'],
      ['app_package', 'com.tencent.mm'],
    ]) {
      const r = await analyst.get(`/api/v1/indicators/check?kind=${kind}&value=${encodeURIComponent(value!)}`);
      expect(r.body.status, `${kind} ${value}`).toBe('allowed');
      expect(r.body.entries[0].source).toBe('builtin');
    }
    const r = await analyst.get('/api/v1/indicators/check?kind=phone&value=96110');
    expect(r.body.status).toBe('none');
    const builtins = await analyst.get('/api/v1/indicators?source=builtin&pageSize=500');
    expect(builtins.body.total).toBeGreaterThanOrEqual(40);
  });
});

describe('delete and the change feed', () => {
  it('loadIndicators + indicatorChangesSince reflect adds and deletes', async () => {
    const store = new IndicatorStore();
    const v0 = await loadIndicators(server.database.db, store);
    expect(store.allowed('phone', '95588')).toBe(true);
    expect(store.blocked('phone', '13800138000', Date.now())).toBeGreaterThanOrEqual(0);

    const add = await analyst.post('/api/v1/indicators', [
      { kind: 'account', value: '6222 0212 3456 7890 128', reason: '涉诈账户' },
    ]);
    expect(add.body.created).toBe(1);
    const v1 = await indicatorChangesSince(server.database.db, v0, store);
    expect(v1).toBeGreaterThan(v0);
    expect(store.blocked('account', add.body.items[0].value, Date.now())).toBeGreaterThanOrEqual(0);

    const del = await analyst.delete(`/api/v1/indicators/${add.body.items[0].id}`);
    expect(del.status).toBe(204);
    expect((await analyst.delete(`/api/v1/indicators/${add.body.items[0].id}`)).status).toBe(404);
    const v2 = await indicatorChangesSince(server.database.db, v1, store);
    expect(v2).toBeGreaterThan(v1);
    expect(store.blocked('account', add.body.items[0].value, Date.now())).toBe(-1);
    expect((await analyst.get(`/api/v1/indicators/check?kind=account&value=6222021234567890128`)).body.status).toBe(
      'none',
    );

    // re-adding revives the row as a created entry, and followers see it again
    const again = await analyst.post('/api/v1/indicators', [{ kind: 'account', value: '6222021234567890128' }]);
    expect(again.body.items[0]).toMatchObject({ status: 'created', id: add.body.items[0].id });
    await indicatorChangesSince(server.database.db, v2, store);
    expect(store.blocked('account', add.body.items[0].value, Date.now())).toBeGreaterThanOrEqual(0);

    const trail = await admin.get(`/api/v1/audit?entityType=indicator&entityId=${add.body.items[0].id}`);
    expect(trail.body.items.map((a: any) => a.action).sort()).toEqual(['create', 'create', 'delete']);
  });
});

describe('import and export', () => {
  it('import is all-or-nothing: bad rows → 400 with row numbers, nothing written', async () => {
    const csv =
      '类型,值,名单,原因\nphone,13711112222,黑名单,ok\n电话号码,abc,,bad\nurl,"http://a b",block,bad\ndomain,import-ok.cn,block,ok\n';
    const res = await upload(analyst, 'bad.csv', csv);
    expect(res.status).toBe(400);
    const fields = [res.body.field, ...(res.body.details ?? []).map((d: any) => d.field)];
    expect(fields).toEqual(expect.arrayContaining(['rows[3].value', 'rows[4].value']));
    expect(fields.some((f: string) => f.startsWith('rows[2]') || f.startsWith('rows[5]'))).toBe(false);
    expect((await analyst.get('/api/v1/indicators/check?kind=phone&value=13711112222')).body.status).toBe('none');
    expect((await analyst.get('/api/v1/indicators/check?kind=domain&value=import-ok.cn')).body.status).toBe('none');
  });

  it('rejects a file without the required columns, or one that is not a spreadsheet', async () => {
    const noValue = await upload(analyst, 'x.csv', 'kind,reason\nphone,x\n');
    expect(noValue).toMatchObject({ status: 400, body: { field: 'file' } });
    const junk = await upload(
      analyst,
      'x.xlsx',
      Buffer.from('PK\u0003\u0004 not really a zip'),
      'application/octet-stream',
    );
    expect(junk).toMatchObject({ status: 400, body: { field: 'file', reason: 'not a readable .xlsx file' } });
    const notMultipart = await analyst.post('/api/v1/indicators/import', { kind: 'phone' });
    expect(notMultipart.status).toBe(415);
  });

  it('imports a good CSV and round-trips an XLSX export', async () => {
    const csv =
      'kind,value,list,reason,confidence,fraudType\nphone,13711112222,block,导入,70,fake_loan\ndomain,import-ok.cn,黑名单,,,\nkeyword,=cmd,block,formula-looking keyword,,\n';
    const res = await upload(analyst, 'good.csv', csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rows: 3, created: 3, updated: 0 });

    const xlsx = await analyst.get('/api/v1/indicators/export?format=xlsx&list=block');
    expect(xlsx.status).toBe(200);
    const sheet = await readXlsx(xlsx.body as Buffer);
    expect(sheet.headers).toContain('值');
    const listed = await analyst.get('/api/v1/indicators?list=block&pageSize=500');
    expect(sheet.rows.length).toBe(listed.body.total);

    // Deleting one and re-importing the export restores it and leaves the rest unchanged.
    const phone = listed.body.items.find((i: any) => i.value === '13711112222');
    await analyst.delete(`/api/v1/indicators/${phone.id}`);
    const back = await upload(
      analyst,
      'export.xlsx',
      xlsx.body as Buffer,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ rows: listed.body.total, created: 1, updated: listed.body.total - 1 });
    const restored = await analyst.get('/api/v1/indicators/check?kind=phone&value=13711112222');
    expect(restored.body.entries[0]).toMatchObject({ reason: '导入', confidence: 70, fraudType: 'fake_loan' });

    const csvOut = await analyst.get('/api/v1/indicators/export?format=csv&kind=keyword');
    expect(String(csvOut.body)).toContain("'=cmd");
    const again = await upload(analyst, 'kw.csv', String(csvOut.body));
    expect(again.status).toBe(200);
    expect((await analyst.get('/api/v1/indicators?kind=keyword&q=cmd')).body.items.map((i: any) => i.value)).toEqual([
      '=cmd',
    ]);

    const exports = await admin.get('/api/v1/audit?entityType=indicator&action=export');
    expect(exports.body.total).toBe(2);
  });
});
