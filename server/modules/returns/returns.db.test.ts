// 劝返 through the real HTTP server on a real database: both responsible units see a person and a third does not,
// masking, the status lifecycle with the board (逐一销账), contacts, audit rows, Excel import (row-by-row errors,
// all or nothing) and export, and the facts stats reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { writeXlsx, readXlsx } from '../../platform/xlsx.ts';
import { startTestServer, type Client, type TestServer } from '../../../test/harness/server.ts';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../../../test/factories.ts';
import { residentIdCheckChar } from '../identifiers/index.ts';
import { returnsFacts, returnsSummary } from './index.ts';

let s: TestServer;
let org: TestOrg;
let officerA: Client, officerB: Client, districtAnalyst: Client, analyst: Client, grid: Client;
const idNo = (first17: string) => first17 + residentIdCheckChar(first17);
const ID1 = idNo('45120219900101123');

beforeAll(async () => {
  s = await startTestServer();
  org = await seedOrg(s.database.db);
  const login = (u: string) => s.login(u, USER_PASSWORD);
  officerA = await login('officerA');
  officerB = await login('officerB');
  districtAnalyst = await login('districtAnalyst');
  analyst = await login('analyst');
  grid = await login('gridA');
});
afterAll(async () => s?.close());

const rows = async (q: string) =>
  ((await s.database.db.execute(sql.raw(q))) as unknown as { rows: Record<string, unknown>[] }).rows;

describe('劝返', () => {
  let shared: string, onlyA: string;

  it('lists a person by hand; both 户籍地 and 流入地 see it, a third unit does not', async () => {
    const r = await officerA.post('/api/v1/returns/persons', {
      name: '韦志强',
      idNumber: ID1,
      phone: '13877001234',
      location: '缅甸妙瓦底',
      householdUnitId: org.stationA.id,
      residenceUnitId: org.stationB.id,
    });
    expect(r.status).toBe(201);
    shared = r.body.id;
    const r2 = await officerA.post('/api/v1/returns/persons', {
      name: '覃海燕',
      location: '柬埔寨西哈努克港',
      householdUnitId: org.stationA.id,
    });
    expect(r2.status).toBe(201);
    onlyA = r2.body.id;

    expect((await officerA.get('/api/v1/returns/persons')).body.total).toBe(2);
    const b = await officerB.get('/api/v1/returns/persons');
    expect(b.body.items.map((x: { id: string }) => x.id)).toEqual([shared]);
    expect((await officerB.get(`/api/v1/returns/persons/${shared}`)).status).toBe(200);
    expect((await officerB.get(`/api/v1/returns/persons/${onlyA}`)).status).toBe(404);
    expect((await districtAnalyst.get('/api/v1/returns/persons')).body.total).toBe(2);
    // a grid worker has no 劝返 permission
    expect((await grid.get('/api/v1/returns/persons')).status).toBe(403);
    // officer B cannot list someone for two units outside its jurisdiction
    const out = await officerB.post('/api/v1/returns/persons', {
      name: '黄某',
      location: '老挝',
      householdUnitId: org.stationA.id,
    });
    expect(out.status).toBe(400);
    expect(out.body.field).toBe('householdUnitId');
  });

  it('masks the ID and phone unless unmasked with a purpose, and audits the view', async () => {
    const m = await officerB.get(`/api/v1/returns/persons/${shared}`);
    expect(m.body.idNumber).not.toBe(ID1);
    expect(m.body.phone).not.toBe('13877001234');
    expect(m.body.masked).toBe(true);
    expect((await officerB.get(`/api/v1/returns/persons/${shared}?unmask=true`)).status).toBe(400);
    const full = await officerB.get(`/api/v1/returns/persons/${shared}?unmask=true`, {
      'x-purpose': encodeURIComponent('劝返工作联系家属'),
    });
    expect(full.status).toBe(200);
    expect(full.body.idNumber).toBe(ID1);
    const a = await rows(
      `select action from audit_log where entity_type = 'return_person' and entity_id = '${shared}' order by at`,
    );
    expect(a.map((x) => x.action)).toEqual(['create', 'view', 'view', 'view_unmasked']); // officer B's view in the test above
  });

  it('moves through the lifecycle; the board keeps each open item until it is closed', async () => {
    const bad = await officerB.post(`/api/v1/returns/persons/${shared}/status`, { status: 'written_off' });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('reason');
    const c = await officerB.post(`/api/v1/returns/persons/${shared}/contacts`, {
      contact: '母亲',
      channel: 'visit',
      summary: '上门走访，家属同意劝说',
    });
    expect(c.status).toBe(201);
    const p = await officerB.post(`/api/v1/returns/persons/${shared}/status`, { status: 'persuading' });
    expect(p.status).toBe(200);
    let board = await districtAnalyst.get(`/api/v1/returns/board?unitId=${org.district.id}`);
    expect(board.body.counts).toMatchObject({ total: 2, open: 2, returned: 0, rate: 0 });
    const stale = await officerA.post(`/api/v1/returns/persons/${shared}/status`, { status: 'returned', version: 1 });
    expect(stale.status).toBe(409);
    const ret = await officerA.post(`/api/v1/returns/persons/${shared}/status`, { status: 'returned', version: 2 });
    expect(ret.status).toBe(200);
    expect((await officerA.post(`/api/v1/returns/persons/${shared}/status`, { status: 'persuading' })).status).toBe(
      400,
    );
    board = await districtAnalyst.get(`/api/v1/returns/board?unitId=${org.district.id}`);
    expect(board.body.items.map((x: { id: string }) => x.id)).toEqual([onlyA]);
    expect(board.body.counts).toMatchObject({ total: 2, open: 1, returned: 1, writtenOff: 0, rate: 0.5 });
    const w = await officerA.post(`/api/v1/returns/persons/${onlyA}/status`, {
      status: 'written_off',
      reason: '核查：已在国内务工',
    });
    expect(w.status).toBe(200);
    board = await officerB.get(`/api/v1/returns/board?unitId=${org.stationB.id}`);
    expect(board.body.items).toEqual([]);
    expect(board.body.counts).toMatchObject({ total: 1, returned: 1, rate: 1 });
    const d = await officerA.get(`/api/v1/returns/persons/${shared}`);
    expect(d.body.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['abroad', 'persuading', 'returned']);
    expect(d.body.contacts).toHaveLength(1);
  });

  it('imports XLSX: every bad row reported and nothing written; then the fixed file; 上游编号 is idempotent', async () => {
    const cols = ['姓名', '身份证号', '手机号', '滞留地', '户籍地单位编号', '流入地单位编号', '上游编号'].map((h) => ({
      header: h,
      key: h,
    }));
    const good = [
      {
        姓名: '蓝文军',
        身份证号: idNo('45120219950505111'),
        滞留地: '缅甸果敢',
        户籍地单位编号: org.stationA.id,
        上游编号: 'UP-1',
      },
      {
        姓名: '莫小龙',
        手机号: '13977005678',
        滞留地: '柬埔寨金边',
        户籍地单位编号: org.stationB.id,
        流入地单位编号: org.stationA.id,
        上游编号: 'UP-2',
      },
    ];
    const badRows = [
      ...good,
      { 姓名: '', 滞留地: '菲律宾', 户籍地单位编号: org.stationA.id },
      { 姓名: '罗明', 身份证号: '123456', 滞留地: '老挝', 户籍地单位编号: org.stationA.id },
      { 姓名: '卢丽', 滞留地: '老挝', 户籍地单位编号: 'no-such-unit' },
    ];
    const before = await rows('select count(*)::int as n from returns_persons');
    const r = await upload(analyst, await writeXlsx('名单', cols, badRows));
    expect(r.status).toBe(400);
    expect(r.body.details.map((d: { field: string }) => d.field)).toEqual([
      'row 4: 姓名',
      'row 5: 身份证号',
      'row 6: 户籍地单位编号',
    ]);
    expect(await rows('select count(*)::int as n from returns_persons')).toEqual(before);
    const ok = await upload(analyst, await writeXlsx('名单', cols, good));
    expect(ok.status).toBe(200);
    expect(ok.body.imported).toBe(2);
    const again = await upload(analyst, await writeXlsx('名单', cols, good));
    expect(again.body.imported).toBe(0);
    expect((await upload(analyst, Buffer.from('not a spreadsheet'))).status).toBe(400);
    const noCols = await upload(analyst, await writeXlsx('x', [{ header: '名字', key: 'a' }], [{ a: '1' }]));
    expect(noCols.status).toBe(400);
  });

  it('exports XLSX, masked by default', async () => {
    const r = await analyst.get('/api/v1/returns/export');
    expect(r.status).toBe(200);
    const t = await readXlsx(r.body as Buffer);
    expect(t.rows).toHaveLength(4);
    const w = t.rows.find((x) => x.values['姓名'] === '韦志强')!;
    expect(w.values['身份证号']).not.toBe(ID1);
    expect(w.values['状态']).toBe('已劝返');
  });

  it('gives stats the facts: returned, total, rate per unit path and period', async () => {
    const now = new Date();
    const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const sum = await returnsSummary(s.database.db, org.city.path, {
      from: new Date(now.getTime() - 86_400_000),
      to: new Date(now.getTime() + 60_000),
    });
    expect(sum).toMatchObject({ total: 4, returned: 1, writtenOff: 1, returnedInPeriod: 1, rate: 0.3333 });
    const facts = await returnsFacts(s.database.db, day, day);
    const total = (m: string) => facts.filter((f) => f.metric === m).reduce((a, f) => a + f.value, 0);
    expect(total('returns_listed')).toBe(3);
    expect(total('returns_returned')).toBe(1);
  });
});

async function upload(c: Client, data: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), 'list.xlsx');
  const res = await fetch(`${s.url}/api/v1/returns/import`, {
    method: 'POST',
    body: form,
    headers: { cookie: c.cookie },
  });
  return { status: res.status, body: await res.json() };
}
