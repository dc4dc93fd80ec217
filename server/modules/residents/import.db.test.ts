import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../../../test/factories.ts';
import { startTestServer, type Client, type TestServer } from '../../../test/harness/server.ts';
import { residentIdCheckChar } from '../identifiers/index.ts';

let s: TestServer;
let org: TestOrg;
let analyst: Client;
let officerB: Client;
const idNo = (first17: string) => first17 + residentIdCheckChar(first17);
beforeAll(async () => {
  s = await startTestServer();
  org = await seedOrg(s.database.db);
  analyst = await s.login('analyst', USER_PASSWORD);
  officerB = await s.login('officerB', USER_PASSWORD);
});
afterAll(async () => {
  await s?.close();
});

const upload = async (c: Client, data: Buffer | string, name: string) => {
  const form = new FormData();
  form.append('file', new Blob([typeof data === 'string' ? data : new Uint8Array(data)]), name);
  const res = await fetch(`${s.url}/api/v1/residents/import`, {
    method: 'POST',
    body: form,
    headers: { cookie: c.cookie },
  });
  return { status: res.status, body: await res.json() };
};

describe('POST /api/v1/residents/import', () => {
  it('all or nothing: one bad row and nothing is written, the bad rows are reported', async () => {
    const csv = [
      '姓名,身份证号,手机号,住址,网格,出生年份,职业',
      `王一,${idNo('45120219600101001')},13800001111,金城江区城北路1号,城北社区,,退休`,
      '王二,123,13800001112,,城北社区,,',
      '王三,,13800001113,,不存在的网格,,',
      '王四,,abc,,451202001001,1950,',
    ].join('\r\n');
    const r = await upload(analyst, '\uFEFF' + csv, 'r.csv');
    expect(r.status).toBe(200);
    expect(r.body.imported).toBe(0);
    expect(r.body).toMatchObject({ total: 4, failed: 3, truncated: false });
    expect(r.body.rows.map((x: { row: number; ok: boolean }) => `${x.row}:${x.ok}`)).toEqual([
      '3:false',
      '4:false',
      '5:false',
    ]);
    expect(r.body.rows[1].error).toMatch(/网格/);
    expect((await analyst.get('/api/v1/residents?q=13800001111')).body.total).toBe(0);
  });

  it('imports an XLSX with English headers, grid by code or name, birth year from the ID; audited', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('r');
    ws.addRow(['name', 'id_number', 'phone', 'address', 'grid', 'birth_year', 'occupation', 'relatives']);
    ws.addRow([
      '李一',
      idNo('45120219580202002'),
      '13800002221',
      '城北路2号',
      '451202001001',
      '',
      '退休教师',
      '13800009991;13800009992',
    ]);
    ws.addRow(['李二', '', '13800002222', '', '城东社区', '1990', '', '']);
    const r = await upload(analyst, Buffer.from(await wb.xlsx.writeBuffer()), 'r.xlsx');
    expect(r.body).toMatchObject({ imported: 2 });
    const li = (await analyst.get('/api/v1/residents?q=13800002221')).body.items[0];
    expect(li).toMatchObject({ unitId: org.gridA.id, birthYear: 1958, occupation: '退休教师' });
    expect((await analyst.get('/api/v1/residents?q=13800002222')).body.items[0].unitId).toBe(org.gridB.id);
    const trail = await (await s.login()).get('/api/v1/audit?action=import&entityType=resident');
    expect(trail.body.items[0].details.rows).toBe(2);
    // a grid outside the jurisdiction is not found for a station officer
    const r2 = await upload(officerB, '姓名,网格\n赵一,城北社区\n', 'r.csv');
    expect(r2.body.imported).toBe(0);
    expect(r2.body.rows[0].error).toMatch(/not found/);
    expect((await upload(analyst, '', 'empty.csv')).status).toBe(400);
  });

  it('rejects a row with a NUL character (PostgreSQL cannot store it) and names the column', async () => {
    const r = await upload(
      analyst,
      '姓名,住址,网格\n陈一,城北路\u00003号,城北社区\n陈二,城北路4号,城北社区\n',
      'r.csv',
    );
    expect(r.status).toBe(200);
    expect(r.body.imported).toBe(0);
    expect(r.body.rows.map((x: { ok: boolean }) => x.ok)).toEqual([false]);
    expect(r.body).toMatchObject({ total: 2, failed: 1 });
    expect(r.body.rows[0].error).toMatch(/住址.*NUL/);
  });

  it('answers a summary, not every row: counts and the first 100 bad rows (issue 10)', async () => {
    const lines = ['姓名,手机号,网格'];
    for (let i = 0; i < 1200; i++)
      lines.push(`周${i},1380000${String(i).padStart(4, '0')},${i % 4 ? '城北社区' : '无此网格'}`);
    const r = await upload(analyst, lines.join('\n'), 'r.csv');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ imported: 0, total: 1200, failed: 300, truncated: true });
    expect(r.body.rows).toHaveLength(100);
    expect(r.body.rows[0]).toMatchObject({ row: 2, ok: false });
    expect(r.body.rows.every((x: { ok: boolean }) => !x.ok)).toBe(true);
  });

  it('answers a file over the size limit with 413 payload_too_large', async () => {
    const r = await upload(analyst, Buffer.alloc(20 * 1024 * 1024 + 1, 0x41), 'big.csv');
    expect(r.status, JSON.stringify(r.body)).toBe(413);
    expect(r.body.error).toBe('payload_too_large');
  });
});
