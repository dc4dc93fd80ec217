import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../test/harness/server.ts';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../../../test/factories.ts';
import { sql } from 'drizzle-orm';
import { publish } from '../../platform/events/index.ts';
import { onCaseRecorded, onStatementReceived, onWarningOpened } from './service.ts';
import type { CaseRecordedPayload } from './events.ts';

let server: TestServer;
let org: TestOrg;
let analyst: Client;
let officerA: Client;
let officerB: Client;

const H = 3_600_000;
const T0 = Date.parse('2026-03-01T02:00:00Z');
const iso = (t: number) => new Date(t).toISOString();
// Accounts: M1 (first-level mule), M2 (second level), M3 (third level, cashes out at an ATM)
const M1 = '6222020200112233445',
  M2 = '6228480012345678901',
  M3 = '6217000011112222333';

function kase(
  caseId: string,
  unitId: string,
  over: Partial<CaseRecordedPayload> & { payTo?: string; amount?: number; at?: number } = {},
): CaseRecordedPayload {
  const at = over.at ?? T0;
  return {
    caseId,
    unitId,
    reportedAt: iso(at + 24 * H),
    fraudTypes: ['fake_customer_service'],
    loss: over.amount ?? 10000,
    victim: { name: '张三', phone: `1390000${caseId.padStart(4, '0').slice(-4)}` },
    identifiers: over.identifiers ?? [],
    payments: over.payments ?? [
      {
        paymentId: `${caseId}-p1`,
        paidAt: iso(at),
        amount: over.amount ?? 10000,
        toAccount: over.payTo ?? M1,
        toBank: '工商银行',
      },
    ],
  };
}

beforeAll(async () => {
  server = await startTestServer();
  org = await seedOrg(server.database.db);
  analyst = await server.login('analyst', USER_PASSWORD);
  officerA = await server.login('officerA', USER_PASSWORD);
  officerB = await server.login('officerB', USER_PASSWORD);
  const db = server.database.db;
  // A and B share the suspect's phone; B and C share an account; C is in the other district; D pays into M1 too
  await onCaseRecorded(
    db,
    kase('A', org.stationA.id, {
      identifiers: [
        { kind: 'phone', key: '17012345678', value: '170-1234-5678' },
        { kind: 'phone', key: '95588', value: '95588' },
      ],
    }),
  );
  await onCaseRecorded(
    db,
    kase('B', org.stationA.id, {
      payTo: '6200000000000000001',
      at: T0 + 2 * H,
      identifiers: [
        { kind: 'phone', key: '17012345678', value: '+86 17012345678' },
        { kind: 'wechat', key: 'wxid_gang1', value: 'wxid_gang1' },
      ],
    }),
  );
  await onCaseRecorded(
    db,
    kase('C', org.stationB.id, {
      payTo: '6200000000000000002',
      at: T0 + 3 * H,
      identifiers: [{ kind: 'wechat', key: 'wxid_gang1', value: 'WXID_GANG1' }],
    }),
  );
  await onCaseRecorded(
    db,
    kase('D', org.stationA.id, {
      at: T0 + 1 * H,
      amount: 5000,
      identifiers: [{ kind: 'phone', key: '95588', value: '95588' }],
    }),
  );
  await onCaseRecorded(db, kase('E', org.stationB.id, { at: T0 + 1.5 * H, amount: 3000 }));
  await onWarningOpened(db, {
    warningId: 'W1',
    unitId: org.stationA.id,
    subjectKey: 'p:17012345678',
    level: 'high',
    fraudTypes: [],
    source: 'engine',
    openedAt: iso(T0 - 48 * H),
  });
  // 95588 (a bank's service number) is on the allow-list
  const res = await analyst.post('/api/v1/indicators', [
    { kind: 'phone', value: '95588', list: 'allow', reason: '工商银行客服' },
  ]);
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await server?.close();
});

describe('串并案: GET /api/v1/cases/:id/related', () => {
  it('lists direct and one-intermediate relations with the reason, masked; allow-listed values are suppressed with why', async () => {
    const res = await analyst.get('/api/v1/cases/A/related');
    expect(res.status).toBe(200);
    const byId = (id: string) => res.body.items.find((i: any) => (i.caseId ?? i.warningId) === id);
    expect(byId('B')).toMatchObject({
      caseId: 'B',
      hops: 1,
      confirmed: false,
      shared: [{ kind: 'phone', seenAs: 'suspect_phone' }],
    });
    expect(byId('B').shared[0].value).not.toContain('12345678'); // masked
    expect(byId('W1')).toMatchObject({ warningId: 'W1', hops: 1 });
    expect(byId('C')).toMatchObject({ caseId: 'C', hops: 2, via: { caseId: 'B' } });
    expect(byId('C').shared[0]).toMatchObject({ kind: 'wechat', seenAs: 'suspect_wechat' });
    // A and D both paid M1 (shared account), and both list 95588: the allow-listed number links nothing
    expect(byId('D').shared.map((s: any) => s.kind)).toEqual(['account']);
    expect(res.body.suppressed).toEqual([{ kind: 'phone', value: expect.any(String), reason: 'allow_list' }]);
  });

  it('is scoped: a station sees related records of its own jurisdiction only; a case outside it is 404', async () => {
    const a = await officerA.get('/api/v1/cases/A/related');
    expect(a.status).toBe(200);
    expect(a.body.items.map((i: any) => i.caseId ?? i.warningId)).not.toContain('C');
    expect((await officerB.get('/api/v1/cases/A/related')).status).toBe(404);
    expect((await analyst.get('/api/v1/cases/nope/related')).status).toBe(404);
  });

  it('unmasks for a role that may, with a purpose', async () => {
    const res = await analyst.get('/api/v1/cases/A/related', { 'x-purpose': encodeURIComponent('串并案研判') });
    expect(res.body.items.find((i: any) => i.caseId === 'B').shared[0].value).toBe('+86 17012345678');
  });
});

describe('link decisions and groups', () => {
  it('confirming forms a group with a lead case; confirming a third joins it; rejecting splits it out (audited)', async () => {
    const c1 = await analyst.post('/api/v1/cases/A/links', {
      caseId: 'B',
      decision: 'confirmed',
      reason: '同一嫌疑人手机号',
    });
    expect(c1.status).toBe(200);
    expect(c1.body.group).toMatchObject({ leadCaseId: 'A', caseIds: expect.arrayContaining(['A', 'B']) });
    const c2 = await analyst.post('/api/v1/cases/D/links', { caseId: 'B', decision: 'confirmed' });
    expect(c2.body.group.caseIds.sort()).toEqual(['A', 'B', 'D']);
    const rel = await analyst.get('/api/v1/cases/A/related');
    expect(rel.body.items[0]).toMatchObject({ confirmed: true });
    expect(rel.body.group.caseIds.sort()).toEqual(['A', 'B', 'D']);
    const r = await analyst.post('/api/v1/cases/A/links', {
      caseId: 'D',
      decision: 'rejected',
      reason: '仅共用收款账户',
    });
    expect(r.body.group.caseIds.sort()).toEqual(['A', 'B']);
    const relD = await analyst.get('/api/v1/cases/A/related');
    expect(relD.body.items.find((i: any) => i.caseId === 'D')).toMatchObject({ confirmed: false, rejected: true });
    const audit = await (await server.login()).get('/api/v1/audit?entityType=case_link');
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).toContain('split');
  });

  it('refuses bad input and roles without graph:write', async () => {
    expect((await analyst.post('/api/v1/cases/A/links', { decision: 'confirmed' })).status).toBe(400);
    expect((await analyst.post('/api/v1/cases/A/links', { caseId: 'A', decision: 'confirmed' })).status).toBe(400);
    expect((await analyst.post('/api/v1/cases/A/links', { caseId: 'B', decision: 'maybe' })).status).toBe(400);
    expect((await officerA.post('/api/v1/cases/A/links', { caseId: 'B', decision: 'confirmed' })).status).toBe(403);
  });
});

async function upload(
  client: Client,
  caseId: string,
  name: string,
  body: Uint8Array | string,
  fields: Record<string, string>,
) {
  const form = new FormData();
  form.append('file', new Blob([typeof body === 'string' ? body : new Uint8Array(body)]), name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = await fetch(`${server.url}/api/v1/cases/${caseId}/statements`, {
    method: 'POST',
    body: form,
    headers: { cookie: client.cookie },
  });
  return { status: res.status, body: (await res.json()) as any };
}

const gbk = (s: string) => {
  // GB18030 encoding of the few Chinese characters used, via a reverse table from the decoder
  const dec = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(new Uint8Array([hi, lo]));
      if (!table.has(ch)) table.set(ch, [hi, lo]);
    }
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else out.push(...table.get(ch)!);
  }
  return new Uint8Array(out);
};

const fmt = (t: number) => new Date(t + 8 * H).toISOString().slice(0, 19).replace('T', ' '); // China time
describe('statements and money flow', () => {
  it('imports a GBK CSV with a column mapping (saved for the bank), reports bad rows one by one and writes nothing', async () => {
    const bad = `交易时间,对方账号,交易金额,借贷标志\n${fmt(T0 + H)},${M2},abc,借\n2026-13-01 00:00:00,${M2},1,借\n`;
    const r = await upload(analyst, 'A', 'icbc.csv', gbk(bad), { bank: '工商银行', account: M1 });
    expect(r.status).toBe(400);
    expect(r.body.details.map((d: any) => d.field)).toEqual(['rows[2].amount', 'rows[3].time']);
    const csv = [
      '交易时间,对方账号,对方户名,交易金额,借贷标志,摘要',
      `${fmt(T0)},6222000099998888777,张三,"10,000.00",贷,转账`,
      `${fmt(T0 + 1 * H)},6222000099998888666,李四,5000.00,贷,转账`,
      `${fmt(T0 + 2 * H)},${M2},王五,14000.00,借,转账`,
      `${fmt(T0 + 5 * H)},${M3},赵六,900.00,借,转账`,
    ].join('\r\n');
    const ok = await upload(analyst, 'A', 'icbc.csv', gbk(csv), { bank: '工商银行', account: M1 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      rows: 4,
      stored: 4,
      encoding: 'gb18030',
      mapping: { time: '交易时间', counterparty: '对方账号', amount: '交易金额', direction: '借贷标志' },
    });
    expect((await upload(analyst, 'A', 'icbc.csv', gbk(csv), { bank: '工商银行', account: M1 })).status).toBe(409);
    // the second bank: UTF-8, its own headers, given as a mapping; the shared transfer M1→M2 is stored once
    const csv2 = [
      '日期,收付,金额,对手账户,渠道',
      `${fmt(T0 + 2 * H)},收,14000.00,${M1},网银`,
      `${fmt(T0 + 3 * H)},付,8000.00,${M3},网银`,
      `${fmt(T0 + 4 * H)},付,3000.00,,ATM取现`,
    ].join('\n');
    const mapping = JSON.stringify({
      time: '日期',
      direction: '收付',
      amount: '金额',
      counterparty: '对手账户',
      channel: '渠道',
    });
    const bad2 = await upload(analyst, 'A', 'abc.csv', csv2, { bank: '农业银行', account: M2, mapping });
    expect(bad2.status).toBe(400); // 收/付 are not directions it knows
    const csv2b = csv2.replace(/,收,/g, ',贷,').replace(/,付,/g, ',借,');
    const ok2 = await upload(analyst, 'A', 'abc.csv', csv2b, { bank: '农业银行', account: M2, mapping });
    expect(ok2.status).toBe(200);
    expect(ok2.body).toMatchObject({ rows: 3, stored: 2, duplicates: 1, encoding: 'utf-8' });
    const csv3 = ['日期,收付,金额,对手账户,渠道', `${fmt(T0 + 6 * H)},借,8000.00,,ATM取现`].join('\n');
    expect((await upload(analyst, 'A', 'ccb.csv', csv3, { bank: '农业银行', account: M3 })).status).toBe(200); // saved mapping reused
  });

  it('GET /api/v1/cases/:id/flow traces levels to cash-out, time-respecting, with the rule and next accounts', async () => {
    const res = await analyst.get('/api/v1/cases/A/flow?depth=4', { 'x-purpose': encodeURIComponent('资金查控') });
    expect(res.status).toBe(200);
    const node = (a: string) => res.body.nodes.find((n: any) => n.account === a);
    expect(node(M1)).toMatchObject({ level: 1, inflow: 10000 });
    // LIFO: cases D (5,000) and E (3,000) paid M1 after A's 10,000, so of the 14,000 to M2 8,000 is theirs, 6,000 A's;
    // the rest of A's money (4,000) is still in M1 at 5h, so the 900 to M3 is A's; M3 is reached at level 2
    expect(node(M2)).toMatchObject({ level: 2, inflow: 6000 });
    expect(node(M1)).toMatchObject({ outflow: 6900, balance: 3100 });
    expect(node(M3)).toMatchObject({ level: 2, inflow: 6900, outflow: 6900 });
    // M3 withdrew 8,000 at an ATM at 6h: all 6,900 of A's money in it
    expect(res.body.nodes.find((n: any) => n.cashOut)).toMatchObject({ inflow: 6900 });
    expect(res.body.cashedOut).toBe(6900);
    // M2's own ATM withdrawal (3,000 at 4h) is money that came before A's on its stack: not A's
    const e = res.body.edges.find((x: any) => x.from === M1 && x.to === M2);
    expect(e).toMatchObject({ amount: 6000, count: 1, firstAt: iso(T0 + 2 * H) });
    expect(res.body.rule).toBe('lifo');
    expect(res.body.nextAccounts.map((n: any) => n.account)).toContain(M1);
    const masked = await analyst.get('/api/v1/cases/A/flow?depth=2');
    expect(masked.body.nodes[0].account).not.toBe(M1);
    const prop = await analyst.get('/api/v1/cases/A/flow?depth=2&rule=proportional', {
      'x-purpose': encodeURIComponent('资金查控'),
    });
    expect(prop.body.rule).toBe('proportional');
    expect(prop.body.nodes.find((n: any) => n.account === M2).inflow).toBeCloseTo((14000 * 10000) / 18000, 0); // 18,000 in M1 at 2h, 10,000 of it A's
    expect((await analyst.get('/api/v1/cases/A/flow?depth=99')).status).toBe(400);
    expect((await officerB.get('/api/v1/cases/A/flow')).status).toBe(404);
  });

  it("statement.received (an evidence order's file) is parsed with recognised headers; the same file again is skipped", async () => {
    const db = server.database.db;
    const csv = Buffer.from(
      ['交易时间,对方账号,交易金额,借贷标志', `${fmt(T0 + 7 * H)},6200000000000000555,100.00,借`].join('\n'),
    );
    const p = { orderId: 'o1', caseId: 'A', fileId: 'f1', sha256: 'x'.repeat(64), fileName: 'ev.csv', account: M3 };
    expect(
      await onStatementReceived(
        db,
        p,
        async (id) => (id === 'f1' ? csv : null),
        () => new Date(T0),
      ),
    ).toEqual({ stored: 1 });
    expect(
      await onStatementReceived(
        db,
        p,
        async () => csv,
        () => new Date(T0),
      ),
    ).toEqual({ skipped: 'already imported' });
    expect(
      await onStatementReceived(
        db,
        { ...p, sha256: 'y'.repeat(64), fileId: 'nope' },
        async () => null,
        () => new Date(T0),
      ),
    ).toEqual({ skipped: 'file not found' });
  });

  it("one key for a bank's saved mapping: an upload naming the bank and an evidence order's file carrying its unit id", async () => {
    const db = server.database.db;
    const head = 'T,CP,AMT,DIR';
    const mapping = JSON.stringify({ time: 'T', counterparty: 'CP', amount: 'AMT', direction: 'DIR' });
    const up = [head, `${fmt(T0 + 8 * H)},6200000000000000666,50.00,借`].join('\n');
    // the analyst names the bank by its short English name; the order's file names the bank unit (中国工商银行河池分行)
    expect((await upload(analyst, 'A', 'icbc2.csv', up, { bank: 'ICBC', account: M3, mapping })).status).toBe(200);
    const rows = await db.execute(sql`SELECT bank, mapping FROM graph_bank_mappings WHERE bank = '工商'`);
    expect((rows as unknown as { rows: { mapping: unknown }[] }).rows[0]?.mapping).toEqual(JSON.parse(mapping));
    for (const [i, bank] of [org.bank.id, org.bank.code ?? org.bank.id, '中国工商银行', '工行'].entries()) {
      const csv = Buffer.from([head, `${fmt(T0 + (9 + i) * H)},6200000000000000777,${10 + i}.00,借`].join('\n'));
      const p = { orderId: `o-k${i}`, caseId: 'A', fileId: `fk${i}`, sha256: String(i).repeat(64), fileName: 'ev.csv' };
      expect(
        await onStatementReceived(
          db,
          { ...p, bank, account: M3 },
          async () => csv,
          () => new Date(T0),
        ),
      ).toEqual({
        stored: 1,
      });
    }
    // a bank with no saved mapping and unknown headers waits for an analyst's upload
    const csv = Buffer.from([head, `${fmt(T0 + 20 * H)},6200000000000000888,1.00,借`].join('\n'));
    const p = { orderId: 'o-k9', caseId: 'A', fileId: 'fk9', sha256: 'z'.repeat(64), fileName: 'ev.csv', account: M3 };
    expect(
      await onStatementReceived(
        db,
        { ...p, bank: '招商银行' },
        async () => csv,
        () => new Date(T0),
      ),
    ).toMatchObject({
      skipped: expect.stringMatching(/no usable column mapping/),
    });
  });

  it('GET /api/v1/mules lists the account that received from several cases, with reasons and cases', async () => {
    const res = await analyst.get('/api/v1/mules?minScore=40', { 'x-purpose': encodeURIComponent('研判') });
    expect(res.status).toBe(200);
    const m1 = res.body.items.find((m: any) => m.account === M1);
    expect(m1.cases).toEqual(['A', 'D', 'E']);
    expect(m1.reasons.join(' ')).toMatch(/fan-in from 3/);
  });
});

describe('mule hand-off: to the indicator block list and the 两卡 registry', () => {
  it('sends a flagged mule with its reasons, audited, idempotent, permission-checked', async () => {
    const purpose = { 'x-purpose': encodeURIComponent('研判') };
    const list = await analyst.get('/api/v1/mules?minScore=40');
    const m1 = list.body.items.find((m: any) => m.cases.join() === 'A,D,E');
    expect(m1.account).not.toBe(M1); // masked: the ref names it
    expect(m1.sent).toEqual([]);
    const body = { account: m1.ref, targets: ['block_list', 'cards'], note: '三起案件共用' };
    expect((await officerA.post('/api/v1/mules/handoff', body)).status).toBe(403); // no graph:write
    expect((await analyst.post('/api/v1/mules/handoff', { ...body, targets: ['nope'] })).status).toBe(400);
    expect((await analyst.post('/api/v1/mules/handoff', { ...body, targets: [] })).status).toBe(400);
    expect((await analyst.post('/api/v1/mules/handoff', { ...body, account: '6212345678901234567' })).status).toBe(404);
    const first = await analyst.post('/api/v1/mules/handoff', body);
    expect(first.status).toBe(200);
    expect(first.body.results.map((r: any) => [r.target, r.status])).toEqual([
      ['block_list', 'sent'],
      ['cards', 'sent'],
    ]);
    const again = await analyst.post('/api/v1/mules/handoff', { account: M1, targets: ['cards', 'block_list'] });
    expect(again.body.results.map((r: any) => [r.target, r.status])).toEqual([
      ['block_list', 'already'],
      ['cards', 'already'],
    ]);
    expect(again.body.results.map((r: any) => r.id)).toEqual(first.body.results.map((r: any) => r.id));
    // the block list has it, with the reasons
    const check = await analyst.get(`/api/v1/indicators/check?kind=account&value=${M1}`);
    expect(check.body.status).toBe('blocked');
    expect(check.body.entries).toHaveLength(1);
    expect(check.body.entries[0].reason).toMatch(/fan-in from 3/);
    expect(check.body.entries[0].source).toBe('graph:mules');
    // the 两卡 registry has one entry, source mule, the first case, the reasons as its one piece of evidence
    const entry = await analyst.get(`/api/v1/cards/entries/${first.body.results[1].id}`, purpose);
    expect(entry.status).toBe(200);
    expect(entry.body).toMatchObject({ kind: 'bank_account', source: 'mule', caseId: 'A' });
    expect(entry.body.evidence).toHaveLength(1);
    expect(entry.body.evidence[0].text).toMatch(/fan-in from 3.*三起案件共用/);
    const after = await analyst.get('/api/v1/mules?minScore=40');
    expect(after.body.items.find((m: any) => m.ref === m1.ref).sent).toEqual(['block_list', 'cards']);
    const rows = await server.database.db.execute(
      sql`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'mule_handoff' AND entity_id = ${m1.ref}`,
    );
    expect((rows as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(2);
  });
});

describe('events in', () => {
  it('warning.opened and case.recorded / case.updated reach the graph through the durable subscriber', async () => {
    const db = server.database.db;
    await db.transaction(async (tx) => {
      await publish(tx, 'warning.opened', {
        warningId: 'W2',
        unitId: org.stationA.id,
        subjectKey: 'i:452701199001011234',
        phone: '17012345678',
        level: 'medium',
        fraudTypes: [],
        source: 'engine',
        openedAt: iso(T0),
      });
      // declared by the cases module (not merged yet): published by name
      await publish(
        tx,
        'case.recorded' as never,
        kase('F', org.stationA.id, {
          payTo: '6200000000000000009',
          identifiers: [{ kind: 'qq', key: '123456789', value: '123456789' }],
        }) as never,
      );
    });
    await server.app.events.drain();
    const res = await analyst.get('/api/v1/cases/B/related');
    expect(res.body.items.find((i: any) => i.warningId === 'W2')).toMatchObject({
      hops: 1,
      shared: [{ kind: 'phone', seenAs: 'warned_phone' }],
    });
    await db.transaction(async (tx) => {
      await publish(
        tx,
        'case.updated' as never,
        kase('F', org.stationA.id, {
          payTo: '6200000000000000009',
          identifiers: [{ kind: 'phone', key: '17012345678', value: '17012345678' }],
        }) as never,
      );
    });
    await server.app.events.drain();
    const after = await analyst.get('/api/v1/cases/B/related');
    expect(after.body.items.find((i: any) => i.caseId === 'F')).toMatchObject({ hops: 1 });
  });
});

describe("the person's history", () => {
  it("a case shows the victim's earlier warning and how it ended; the warning shows the case", async () => {
    const db = server.database.db;
    await db.transaction(async (tx) => {
      await publish(tx, 'warning.opened', {
        warningId: 'W3',
        unitId: org.stationA.id,
        subjectKey: 'p:13912345678',
        level: 'high',
        fraudTypes: [],
        source: 'engine',
        openedAt: iso(T0 - 3 * H),
      });
      await publish(
        tx,
        'warning.closed' as never,
        {
          warningId: 'W3',
          unitId: org.stationA.id,
          subjectKey: 'p:13912345678',
          disposition: 'dissuaded',
          closedAt: iso(T0 - 3 * H + 36_000),
          victimised: false,
        } as never,
      );
    });
    await onCaseRecorded(db, {
      ...kase('G', org.stationA.id, { payTo: '6200000000000000077' }),
      victim: { name: '李四', phone: '139 1234 5678' },
    });
    await server.app.events.drain();
    const h = await analyst.get('/api/v1/cases/G/history');
    expect(h.status).toBe(200);
    expect(h.body.items).toEqual([
      {
        warningId: 'W3',
        at: iso(T0 - 3 * H),
        matched: [{ kind: 'phone', value: expect.not.stringContaining('12345678'), seenAs: 'warned_subject' }],
        disposition: 'dissuaded',
        closedAt: iso(T0 - 3 * H + 36_000),
        victimised: false,
      },
    ]);
    const w = await analyst.get('/api/v1/warnings/W3/history');
    expect(w.body.items.map((i: any) => i.caseId)).toEqual(['G']);
    expect((await officerB.get('/api/v1/cases/G/history')).status).toBe(404);
  });
});

describe('graph view and gangs', () => {
  it('expands a neighbourhood from a phone; hubs/allow-listed values are marked, not expanded', async () => {
    const res = await analyst.get('/api/v1/graph/neighbourhood?kind=phone&value=17012345678&hops=2');
    expect(res.status).toBe(200);
    const ids = res.body.nodes.map((n: any) => n.id);
    expect(ids).toEqual(expect.arrayContaining(['case:A', 'case:B', 'warning:W1']));
    expect(res.body.nodes.find((n: any) => n.type === 'phone' && n.suppressed === 'allow_list')).toBeTruthy();
    expect(res.body.edges.length).toBeGreaterThan(0);
    expect((await analyst.get('/api/v1/graph/neighbourhood?kind=phone&value=abc')).status).toBe(400);
  });

  it('gangs: records linked through shared values form a group', async () => {
    const res = await analyst.get('/api/v1/graph/gangs');
    expect(res.status).toBe(200);
    const g = res.body.items[0];
    expect(g.caseIds.sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F']); // E paid into M1 too; F shares the phone
    // warnings link by their subject (a person, possibly a victim): the person's history, not a gang tie
    expect(g.warningIds).toEqual([]);
    // its loss (the cases' payments) and time line (each case at its first payment, in order)
    expect(g.timeline.map((x: any) => x.caseId).sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(g.timeline.map((x: any) => x.at)).toEqual([...g.timeline.map((x: any) => x.at)].sort());
    expect(g.timeline.find((x: any) => x.caseId === 'A')).toMatchObject({ at: iso(T0), loss: 10000 });
    expect(g.totalLoss).toBeCloseTo(
      g.timeline.reduce((s: number, x: any) => s + (x.loss ?? 0), 0),
      2,
    );
    expect(g.shared.length).toBeGreaterThan(0);
    const own = await officerB.get('/api/v1/graph/gangs');
    expect(own.body.items[0].caseIds.sort()).toEqual(['C', 'E']);
    expect(own.body.items[0].timeline.map((x: any) => x.caseId).sort()).toEqual(['C', 'E']);
  });
});
