import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../../../test/factories.ts';
import { startTestServer, type Client, type TestServer } from '../../../test/harness/server.ts';
import { generateDueReports, rebuildStats } from './index.ts';

// The figures end to end: warnings and their closing written as the workflow leaves them (backdated, so 同比 has a
// year to compare with), roll-ups rebuilt from the modules' fact functions, then read over real HTTP by users of
// different scope.
let s: TestServer;
let org: TestOrg;
let leader: Client;
let officerA: Client;
let officerB: Client;
let analyst: Client;

interface W {
  id: string;
  unit: string;
  opened: string;
  closed?: string;
  level?: string;
  disp?: string;
  loss?: number;
  avoided?: number;
  idNumber?: string;
  types?: string[];
  escalated?: boolean;
  visited?: boolean;
}
async function insertWarning(w: W) {
  const db = s.database.db;
  const disposition = w.disp ? { disposition: w.disp, loss: w.loss ?? null, lossAvoided: w.avoided ?? null } : null;
  await db.execute(sql`insert into warnings (id, source, subject_key, subject, subject_phone, subject_id_number, level, fraud_types, rule_hits, evidence_event_ids, status, unit_id, opened_at, closed_at, disposition)
    values (${w.id}, 'engine', ${'p:' + w.id}, ${JSON.stringify({ name: '张三丰', phone: '13800138000' })}::jsonb, '13800138000', ${w.idNumber ?? null}, ${w.level ?? 'medium'},
      ${JSON.stringify((w.types ?? ['brushing_rebate']).map((code) => ({ code, name: code })))}::jsonb, '[]'::jsonb, '[]'::jsonb, ${w.closed ? 'closed' : 'new'}, ${w.unit},
      ${w.opened}::timestamptz, ${w.closed ?? null}::timestamptz, ${disposition ? JSON.stringify(disposition) : null}::jsonb)`);
  if (w.escalated)
    await db.execute(sql`insert into warning_workflow (warning_id, escalation_level) values (${w.id}, 1)`);
  if (w.visited)
    await db.execute(
      sql`insert into contact_attempts (id, warning_id, channel, at, ok, outcome) values (${'v-' + w.id}, ${w.id}, 'visit', ${w.closed!}::timestamptz, true, 'reached')`,
    );
}

beforeAll(async () => {
  s = await startTestServer();
  org = await seedOrg(s.database.db);
  [leader, officerA, officerB, analyst] = (await Promise.all(
    ['leader', 'officerA', 'officerB', 'analyst'].map((u) => s.login(u, USER_PASSWORD)),
  )) as [Client, Client, Client, Client];
  const A = org.stationA.id,
    B = org.stationB.id;
  // this year (June 2026): station A 4 warnings, station B 2; last year (June 2025): A 2 warnings; May 2026 (previous period): 1
  await insertWarning({
    id: 'w1',
    unit: A,
    opened: '2026-06-01T10:00:00+08:00',
    closed: '2026-06-01T12:00:00+08:00',
    level: 'high',
    disp: 'dissuaded',
    avoided: 5000,
    idNumber: '45120219500101002X',
    visited: true,
  });
  await insertWarning({
    id: 'w2',
    unit: A,
    opened: '2026-06-02T23:30:00+08:00',
    closed: '2026-06-03T09:00:00+08:00',
    level: 'high',
    disp: 'defrauded',
    loss: 20000,
    escalated: true,
    types: ['fake_investment'],
  });
  await insertWarning({
    id: 'w3',
    unit: A,
    opened: '2026-06-05T08:00:00+08:00',
    closed: '2026-06-05T10:00:00+08:00',
    disp: 'dissuaded',
    avoided: 1000,
    idNumber: '451202199001010011',
  });
  await insertWarning({ id: 'w4', unit: A, opened: '2026-06-06T08:00:00+08:00' });
  await insertWarning({
    id: 'w5',
    unit: B,
    opened: '2026-06-03T08:00:00+08:00',
    closed: '2026-06-03T18:00:00+08:00',
    level: 'high',
    disp: 'dissuaded',
    visited: true,
  });
  await insertWarning({
    id: 'w6',
    unit: B,
    opened: '2026-06-04T08:00:00+08:00',
    closed: '2026-06-04T18:00:00+08:00',
    disp: 'unreachable',
  });
  await insertWarning({
    id: 'y1',
    unit: A,
    opened: '2025-06-02T08:00:00+08:00',
    closed: '2025-06-02T09:00:00+08:00',
    disp: 'dissuaded',
  });
  await insertWarning({ id: 'y2', unit: A, opened: '2025-06-10T08:00:00+08:00' });
  await insertWarning({ id: 'p1', unit: A, opened: '2026-05-20T08:00:00+08:00' });
  // 预警后被骗: w1's person defrauded later (2026-06-20)
  await s.database.db
    .execute(sql`insert into warning_flags (id, warning_id, kind, unit_id, victim_kind, victim_id, at, days_after_close, rule)
    values ('f1', 'w1', 'warned_then_defrauded', ${A}, 'case', 'c1', '2026-06-20T10:00:00+08:00', 19, 'test')`);
  expect(await rebuildStats(s.database.db, '2025-01-01', '2026-07-31')).toBeGreaterThan(0);
});
afterAll(async () => {
  await s?.close();
});

const kpis = async (c: Client, q: string) => {
  const r = await c.get(`/api/v1/stats/kpis?${q}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return {
    body: r.body,
    k: Object.fromEntries(r.body.kpis.map((x: { key: string }) => [x.key, x])) as Record<
      string,
      {
        value: number | null;
        previousYear: number | null;
        previousPeriod: number | null;
        yoy: number | null;
        pop: number | null;
      }
    >,
  };
};

describe('KPIs', () => {
  it('sums the city for the period, with last year (同比) and the period before (环比)', async () => {
    const { body, k } = await kpis(leader, 'from=2026-06-01&to=2026-06-30');
    expect(body.period).toEqual({ from: '2026-06-01', to: '2026-06-30' });
    expect(body.compare).toEqual({
      yoy: { from: '2025-06-01', to: '2025-06-30' },
      pop: { from: '2026-05-02', to: '2026-05-31' },
    });
    expect(k.warnings_opened).toMatchObject({ value: 6, previousYear: 2, previousPeriod: 1, yoy: 200, pop: 500 });
    expect(k.warnings_high!.value).toBe(3);
    expect(k.warnings_closed!.value).toBe(5);
    expect(k.dissuaded!.value).toBe(3);
    expect(k.loss_avoided!.value).toBe(6000);
    expect(k.defrauded).toMatchObject({ value: 1 });
    expect(k.defrauded_loss!.value).toBe(20000);
    expect(k.closed_in_time_rate!.value).toBe(80); // w2 was escalated
    expect(k.face_to_face_rate!.value).toBe(66.7); // high closed: w1, w2, w5; visited: w1, w5
    expect(k.after_warning_victims!.value).toBe(1);
    expect(k.days_since_after_warning_victim!.value).toBe(10); // last on 06-20, period ends 06-30
    expect(k.cases).toMatchObject({ value: 0 }); // fed by case.recorded events (none here)
  });

  it('counts a warning on its Shanghai day: opened 23:30 on 2 June belongs to 2 June', async () => {
    const { k } = await kpis(leader, 'from=2026-06-02&to=2026-06-02');
    expect(k.warnings_opened!.value).toBe(1);
  });

  it("a station sees its own figures; another station's unit is 404; a bad period is 400", async () => {
    const { k } = await kpis(officerB, 'from=2026-06-01&to=2026-06-30');
    expect(k.warnings_opened!.value).toBe(2);
    expect(
      (await officerB.get(`/api/v1/stats/kpis?unitId=${org.stationA.id}&from=2026-06-01&to=2026-06-30`)).status,
    ).toBe(404);
    const bad = await leader.get('/api/v1/stats/kpis?from=2026-06-30&to=2026-06-01');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('validation_failed');
    expect((await leader.get('/api/v1/stats/kpis?from=2026-13-01&to=2026-06-01')).status).toBe(400);
  });

  it('roll-ups follow the records: closing another warning and rebuilding the day changes the figure', async () => {
    await s.database.db.execute(
      sql`update warnings set status = 'closed', closed_at = '2026-06-07T10:00:00+08:00', disposition = '{"disposition":"dissuaded"}'::jsonb where id = 'w4'`,
    );
    await rebuildStats(s.database.db, '2026-06-07', '2026-06-07');
    const { k } = await kpis(leader, 'from=2026-06-01&to=2026-06-30');
    expect(k.dissuaded!.value).toBe(4);
    expect(k.warnings_closed!.value).toBe(6);
  });
});

describe('breakdowns, trend, ranking', () => {
  it('by fraud type and age band', async () => {
    const ft = await leader.get(
      '/api/v1/stats/breakdown?from=2026-06-01&to=2026-06-30&metric=warnings_opened&dim=fraud_type',
    );
    expect(ft.body.items).toEqual([
      { key: 'brushing_rebate', value: 5, label: '刷单返利' }, // the name in the catalogue in force
      { key: 'fake_investment', value: 1, label: '虚假网络投资理财' },
    ]);
    const age = await leader.get(
      '/api/v1/stats/breakdown?from=2026-06-01&to=2026-06-30&metric=warnings_opened&dim=age_band',
    );
    expect(Object.fromEntries(age.body.items.map((i: { key: string; value: number }) => [i.key, i.value]))).toEqual({
      '60p': 1,
      '30_44': 1,
      unknown: 4,
    });
    expect(
      (await leader.get('/api/v1/stats/breakdown?from=2026-06-01&to=2026-06-30&metric=nope&dim=level')).status,
    ).toBe(400);
  });

  it('trend per day', async () => {
    const t = await leader.get('/api/v1/stats/trend?from=2026-06-01&to=2026-06-07&metrics=warnings_opened,dissuaded');
    expect(t.status).toBe(200);
    expect(t.body.bucket).toBe('day');
    expect(t.body.series[0].points).toEqual([
      { bucket: '2026-06-01', value: 1 },
      { bucket: '2026-06-02', value: 1 },
      { bucket: '2026-06-03', value: 1 },
      { bucket: '2026-06-04', value: 1 },
      { bucket: '2026-06-05', value: 1 },
      { bucket: '2026-06-06', value: 1 },
    ]);
  });

  it('ranks the districts by the weighted score; weights are configurable and validated', async () => {
    const r = await leader.get('/api/v1/stats/ranking?from=2026-06-01&to=2026-06-30');
    expect(r.status).toBe(200);
    expect(r.body.items.map((i: { unitId: string }) => i.unitId).sort()).toEqual(
      [org.district.id, org.otherDistrict.id].sort(),
    );
    // district B: no 已被骗, no escalation, 100% face-to-face → first
    expect(r.body.items[0]).toMatchObject({ unitId: org.otherDistrict.id, rank: 1 });
    expect((await leader.request('PUT', '/api/v1/stats/ranking/weights', { weights: { defrauded: -1 } })).status).toBe(
      400,
    );
    expect(
      (await leader.request('PUT', '/api/v1/stats/ranking/weights', { weights: { dissuasion_rate: 100 } })).status,
    ).toBe(200);
    const r2 = await leader.get('/api/v1/stats/ranking?from=2026-06-01&to=2026-06-30');
    expect(r2.body.weights).toEqual({ dissuasion_rate: 100 });
    expect(
      (await officerA.request('PUT', '/api/v1/stats/ranking/weights', { weights: { dissuasion_rate: 1 } })).status,
    ).toBe(403);
  });
});

describe('drill-down and exports', () => {
  it('lists the warnings behind a figure, masked, and audits the view', async () => {
    const r = await leader.get('/api/v1/stats/drill?from=2026-06-01&to=2026-06-30&kpi=defrauded');
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(1);
    expect(r.body.items[0]).toMatchObject({ id: 'w2', subjectPhone: '138****8000', loss: 20000 });
    expect(r.body.items[0].subjectName).not.toBe('张三丰');
    const sliced = await leader.get(
      '/api/v1/stats/drill?from=2026-06-01&to=2026-06-30&kpi=warnings_opened&dim=age_band&key=60p',
    );
    expect(sliced.body.items.map((i: { id: string }) => i.id)).toEqual(['w1']);
    const audit = await s.database.db.execute(
      sql`select action, details from audit_log where entity_type = 'stats_drill'`,
    );
    const rows = ((audit as { rows?: unknown[] }).rows ?? audit) as { action: string; details: { kpi: string } }[];
    expect(rows.map((a) => a.details.kpi)).toContain('defrauded');
  });

  it('unmasking needs the permission and a purpose', async () => {
    expect(
      (await leader.get('/api/v1/stats/drill?from=2026-06-01&to=2026-06-30&kpi=defrauded&unmask=true')).status,
    ).toBe(403);
    expect(
      (await analyst.get('/api/v1/stats/drill?from=2026-06-01&to=2026-06-30&kpi=defrauded&unmask=true')).status,
    ).toBe(400);
    const ok = await analyst.get('/api/v1/stats/drill?from=2026-06-01&to=2026-06-30&kpi=defrauded&unmask=true', {
      'x-purpose': encodeURIComponent('核查'),
    });
    expect(ok.body.items[0].subjectPhone).toBe('13800138000');
  });

  it("the workflow's figures drill into the same warnings: closed in time (not escalated), visited high ones", async () => {
    const ids = async (kpi: string) =>
      (await leader.get(`/api/v1/stats/drill?from=2026-06-01&to=2026-06-30&kpi=${kpi}`)).body.items
        .map((i: { id: string }) => i.id)
        .sort();
    expect(await ids('closed_in_time_rate')).toEqual(['w1', 'w3', 'w4', 'w5', 'w6']); // w2 escalated; w4 closed above
    expect(await ids('face_to_face_rate')).toEqual(['w1', 'w5']);
  });

  it('counts contact attempts by channel on the day of the attempt, in the unit holding the warning', async () => {
    const by = async (unit: string, metric: string) =>
      (
        await leader.get(
          `/api/v1/stats/breakdown?unitId=${unit}&from=2026-06-01&to=2026-06-30&metric=${metric}&dim=channel`,
        )
      ).body.items.map((i: { key: string; value: number }) => [i.key, i.value]);
    expect(await by(org.stationA.id, 'contacts')).toEqual([['visit', 1]]);
    expect(await by(org.stationB.id, 'contacts_reached')).toEqual([['visit', 1]]);
  });

  it('a station drills only into its own records', async () => {
    const r = await officerB.get('/api/v1/stats/drill?from=2026-06-01&to=2026-06-30&kpi=warnings_opened');
    expect(r.body.items.map((i: { id: string }) => i.id).sort()).toEqual(['w5', 'w6']);
  });

  it('exports the KPI table and a drill-down list to Excel, audited', async () => {
    const r = await leader.get('/api/v1/stats/kpis/export?from=2026-06-01&to=2026-06-30');
    expect(r.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.body as never);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).text).toBe('指标');
    const rows: string[] = [];
    sheet.eachRow((row) => rows.push(`${row.getCell(1).text}=${row.getCell(2).text}`));
    expect(rows).toContain('预警数=6');
    const d = await leader.get('/api/v1/stats/drill/export?from=2026-06-01&to=2026-06-30&kpi=dissuaded');
    expect(d.status).toBe(200);
    const audit = await s.database.db.execute(sql`select entity_type from audit_log where action = 'export'`);
    const types = (((audit as { rows?: unknown[] }).rows ?? audit) as { entity_type: string }[]).map(
      (a) => a.entity_type,
    );
    expect(types).toEqual(expect.arrayContaining(['stats_kpis', 'stats_drill']));
  });
});

describe('weekly / monthly reports', () => {
  it("generates a monthly report, keeps it, and serves it to the unit's users only", async () => {
    const r = await leader.post('/api/v1/stats/reports', { kind: 'monthly', periodFrom: '2026-06-15' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.period).toEqual({ from: '2026-06-01', to: '2026-06-30' });
    expect(r.body.notable[0]).toMatchObject({ id: 'w2', subjectPhone: null });
    const list = await leader.get('/api/v1/stats/reports');
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(r.body.id);
    expect((await leader.get(`/api/v1/stats/reports/${r.body.id}`)).body.kpis.kpis.length).toBeGreaterThan(5);
    expect((await officerB.get(`/api/v1/stats/reports/${r.body.id}`)).status).toBe(404);
    const w = await leader.post('/api/v1/stats/reports', { kind: 'weekly', periodFrom: '2026-06-03' });
    expect(w.body.period).toEqual({ from: '2026-06-01', to: '2026-06-07' });
  });

  it("the schedule generates last week's and last month's reports for the city and districts once", async () => {
    // 3 units × (week + month), less the city's June report the leader generated above
    expect(await generateDueReports(s.database.db, '2026-07-02', Date.parse('2026-07-02T01:00:00Z'))).toBe(5);
    expect(await generateDueReports(s.database.db, '2026-07-03', Date.parse('2026-07-03T01:00:00Z'))).toBe(0);
    const ids = (await leader.get('/api/v1/stats/reports')).body.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(`weekly-${org.city.id}-2026-06-22`);
    expect(ids).toContain(`monthly-${org.district.id}-2026-06-01`);
  });
});
