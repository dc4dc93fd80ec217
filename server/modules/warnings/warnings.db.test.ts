// The warning store's writes on a real database: the bulk upsert (used by detection per batch) ends in exactly
// what one upsert per evidence, in order, ends in — rows, results, audit rows — and keeps the rules: one open
// warning per subject, the level only rises, a closed warning is never reopened, every change audited in the
// same transaction, routing by registry grid → phone area → the centre's queue.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness/db.ts';
import { seedOrg, type TestOrg } from '../../../test/factories.ts';
import type { Database, Db } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import type { WarningLevel } from '../../../contract/warnings.ts';
import { createResident, locateResident } from '../residents/index.ts';
import { explainRoute, putArea, routeSubjectToStation } from '../routing/index.ts';
import {
  getWarning,
  listWarnings,
  routeSubject,
  routeSubjects,
  upsertWarning,
  upsertWarnings,
  type WarningEvidence,
} from './service.ts';
import { text } from '../../../contract/texts.ts';

let database: Database;
let db: Db;
let org: TestOrg;
const rows = <T>(r: unknown) => (r as { rows: T[] }).rows;

const RESIDENT_PHONE = '13900000001',
  RESIDENT_ID = '450102199001011231',
  AREA_PHONE = '13907781234',
  DISTRICT_PHONE = '13900000003';

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  org = await seedOrg(db);
  await createResident(db, SYSTEM_ACTOR, { name: '李一', phone: RESIDENT_PHONE, unitId: org.gridA.id });
  await createResident(db, SYSTEM_ACTOR, { name: '李二', idNumber: RESIDENT_ID, unitId: org.gridB.id });
  await createResident(db, SYSTEM_ACTOR, { name: '李三', phone: DISTRICT_PHONE, unitId: org.district.id }); // no station above
  await putArea(db, 'phone_prefix', '1390778', org.otherDistrict.code!);
});
afterAll(async () => database?.close());

let n = 0;
function evidence(
  subjectKey: string,
  level: WarningLevel,
  subject: WarningEvidence['subject'],
  extra: Partial<WarningEvidence> = {},
): WarningEvidence {
  const e = `ev-${++n}`;
  return {
    subjectKey,
    subject,
    level,
    score: { low: 40, medium: 65, high: 90 }[level] + (n % 7),
    fraudTypes: [{ code: 'impersonate_authority', name: '冒充公检法', score: 50 + (n % 5) }],
    ruleHits: [
      {
        ruleId: `r${n % 3}`,
        configVersion: 'v1',
        fraudTypes: ['impersonate_authority'],
        score: 30,
        reason: `reason ${n}`,
        eventIds: [e],
        at: '2026-06-20T02:00:00.000Z',
      },
    ],
    evidenceEventIds: [e],
    summary: n % 4 ? `summary ${n}` : undefined,
    configVersion: n % 5 ? 'v1' : undefined,
    firstEventAt: new Date('2026-06-20T02:00:00Z'),
    ...extra,
  };
}

/** The stored warnings of one key namespace, comparable across namespaces (ids and times left out). */
async function stored(prefix: string) {
  const ws = rows<Record<string, any>>(
    await db.execute(sql`
    select id, source, subject_key, subject, subject_phone, subject_id_number, level, score, fraud_types, rule_hits,
      evidence_event_ids, summary, status, unit_id, routed, config_version, first_event_at
    from warnings where starts_with(subject_key, ${prefix}) order by subject_key, opened_at, status`),
  );
  const audits = rows<{ entity_id: string; action: string; details: Record<string, unknown> }>(
    await db.execute(sql`
    select entity_id, action, details from audit_log
    where entity_type = 'warning' and entity_id = any(${'{' + ws.map((w) => w.id).join(',') + '}'}::text[]) order by id`),
  );
  const local = new Map(ws.map((w, i) => [w.id as string, i]));
  return {
    warnings: ws.map(({ id: _, ...w }): Record<string, any> => ({
      ...w,
      subject_key: w.subject_key.slice(prefix.length),
      first_event_at: String(w.first_event_at),
    })),
    audits: audits.map((a) => ({ warning: local.get(a.entity_id), action: a.action, details: a.details })),
    local,
  };
}

// upsertWarning is upsertWarnings of one evidence: the comparison checks that batching (one select, insert, update
// and audit insert for many; repeated keys in rounds) changes nothing; the explicit expectations check the rules.
describe('upsertWarnings (bulk) against upsertWarning one by one', () => {
  it('ends in the same warnings, results and audit rows, for new, open, closed and repeated subjects', async () => {
    // Per namespace: some subjects already have an open warning, one a closed one; then one batch of evidence.
    const before = (p: string) => [
      evidence(`${p}p:13800000010`, 'medium', { phone: '13800000010' }),
      evidence(`${p}p:13800000011`, 'high', { phone: '13800000011', name: '王五' }),
      evidence(`${p}p:13800000012`, 'low', { phone: '13800000012' }),
    ];
    const batch = (p: string) => [
      evidence(`${p}p:13800000010`, 'high', { phone: '13800000010', name: '赵六' }), // raised
      evidence(`${p}p:13800000011`, 'low', { phone: '13800000011' }), // stays high, evidence replaced
      evidence(`${p}p:13800000012`, 'low', { phone: '13800000012' }), // was closed: a fresh warning
      evidence(`${p}p:${RESIDENT_PHONE}`, 'medium', { phone: RESIDENT_PHONE }), // new, registry grid
      evidence(`${p}i:${RESIDENT_ID}`, 'high', { idNumber: RESIDENT_ID, account: '6222000011112222' }), // new, by ID
      evidence(`${p}p:${AREA_PHONE}`, 'low', { phone: AREA_PHONE }), // new, phone home area
      evidence(`${p}p:13700000099`, 'medium', { phone: '13700000099' }), // new, nowhere: centre queue
      evidence(`${p}p:13700000098`, 'low', { phone: '13700000098' }), // new, then again in the same batch
      evidence(`${p}p:13700000098`, 'high', { phone: '13700000098', name: '钱七' }),
      evidence(`${p}p:13700000098`, 'medium', { phone: '13700000098' }),
    ];
    const setUp = async (p: string) => {
      for (const ev of before(p)) await upsertWarning(db, 'engine', ev);
      await db.execute(
        sql`update warnings set status = 'closed', closed_at = now() where subject_key = ${p + 'p:13800000012'}`,
      );
    };
    n = 0;
    await setUp('one:');
    n = 0;
    await setUp('bulk:');

    n = 100;
    const one = await db.transaction(async (tx) => {
      const out = [];
      for (const ev of batch('one:')) out.push(await upsertWarning(tx, 'engine', ev));
      return out;
    });
    n = 100;
    const bulk = await db.transaction((tx) => upsertWarnings(tx, 'engine', batch('bulk:')));

    const [a, b] = [await stored('one:'), await stored('bulk:')];
    expect(b.warnings).toEqual(a.warnings);
    expect(b.audits).toEqual(a.audits);
    const shape = (rs: typeof one, s: typeof a) => rs.map((r) => ({ ...r, id: s.local.get(r.id) }));
    expect(shape(bulk, b)).toEqual(shape(one, a));

    // And the outcome itself, not only the equality.
    expect(bulk.map((r) => [r.created, r.levelRaised])).toEqual([
      [false, true],
      [false, false],
      [true, false],
      [true, false],
      [true, false],
      [true, false],
      [true, false],
      [true, false],
      [false, true],
      [false, false],
    ]);
    expect(new Set(bulk.slice(7).map((r) => r.id)).size).toBe(1);
    const w = (key: string) => b.warnings.filter((x) => x.subject_key === key);
    expect(w('p:13800000010')[0]).toMatchObject({ level: 'high', subject: { phone: '13800000010', name: '赵六' } });
    expect(w('p:13800000011')[0]).toMatchObject({
      level: 'high',
      subject: { phone: '13800000011', name: '王五' },
      evidence_event_ids: ['ev-102'],
    });
    expect(
      w('p:13800000012')
        .map((x) => x.status)
        .sort(),
    ).toEqual(['closed', 'new']);
    expect(w('p:13700000098')).toHaveLength(1);
    expect(w('p:13700000098')[0]).toMatchObject({
      level: 'high',
      evidence_event_ids: ['ev-110'],
      subject: { name: '钱七' },
    });
    expect(w(`p:${RESIDENT_PHONE}`)[0]).toMatchObject({ unit_id: org.stationA.id, routed: true });
    expect(w(`i:${RESIDENT_ID}`)[0]).toMatchObject({
      unit_id: org.stationB.id,
      routed: true,
      subject_id_number: RESIDENT_ID,
    });
    expect(w(`p:${AREA_PHONE}`)[0]).toMatchObject({ unit_id: org.otherDistrict.id, routed: true });
    expect(w('p:13700000099')[0]).toMatchObject({ unit_id: org.city.id, routed: false });
    // one audit row per change of this batch (plus the three of the set-up)
    expect(b.audits).toHaveLength(3 + 10);
  });

  it('writes nothing, not even audit rows, when the transaction fails', async () => {
    const count = async () =>
      rows<{ w: number; a: number }>(
        await db.execute(sql`
      select (select count(*)::int from warnings where starts_with(subject_key, 'rb:')) as w,
             (select count(*)::int from audit_log where entity_type = 'warning') as a`),
      )[0]!;
    const was = await count();
    await expect(
      db.transaction(async (tx) => {
        await upsertWarnings(tx, 'engine', [
          evidence('rb:p:13600000001', 'high', { phone: '13600000001' }),
          evidence('rb:p:13600000002', 'low', { phone: '13600000002' }),
        ]);
        throw new Error('the decision batch failed');
      }),
    ).rejects.toThrow('the decision batch failed');
    expect(await count()).toEqual(was);
  });

  it('an empty batch is a no-op; the one open warning per subject is still enforced by the database', async () => {
    expect(await upsertWarnings(db, 'engine', [])).toEqual([]);
    const [r] = await upsertWarnings(db, 'engine', [evidence('dup:p:13600000003', 'low', { phone: '13600000003' })]);
    await expect(
      db.execute(sql`insert into warnings (id, source, subject_key, subject, level, fraud_types, rule_hits, evidence_event_ids, unit_id)
      select 'x-dup', source, subject_key, subject, level, fraud_types, rule_hits, evidence_event_ids, unit_id from warnings where id = ${r!.id}`),
    ).rejects.toThrow();
  });
});

describe("the generated texts' codes (contract/texts.ts)", () => {
  it("are stored with the rule hits and make the engine warning's summary readable in another language", async () => {
    const at = '2026-06-20T02:00:00.000Z';
    const amount = text('hit.listed_account', { account: '6230000000006666', amount: 5000, why: '' });
    const keyword = text('hit.listed_keyword', { keywords: '安全账户' });
    const ev = evidence(
      'texts:1',
      'high',
      { phone: '13900000099' },
      {
        ruleHits: [
          {
            ruleId: 'listed_keyword',
            configVersion: 'v1',
            fraudTypes: [],
            score: 20,
            reason: '文字中含名单关键词：安全账户',
            text: keyword,
            eventIds: ['t1'],
            at,
          },
          {
            ruleId: 'listed_account',
            configVersion: 'v1',
            fraudTypes: [],
            score: 60,
            reason: '向涉诈账户 6230000000006666 转出5,000元',
            text: amount,
            eventIds: ['t2'],
            at,
          },
        ],
        summary: '向涉诈账户 6230000000006666 转出5,000元；文字中含名单关键词：安全账户',
      },
    );
    const { id } = await db.transaction((tx) => upsertWarning(tx, 'engine', ev, SYSTEM_ACTOR));
    const w = await getWarning(db, SYSTEM_ACTOR, id);
    expect(w.ruleHits.map((h) => h.text)).toEqual([keyword, amount]);
    expect(w.summaryText).toEqual([amount, keyword]); // strongest first, as the summary reads
    const listed = await listWarnings(db, SYSTEM_ACTOR, { phone: '13900000099' });
    expect(listed.items[0]!.summaryText).toEqual([amount, keyword]);
  });
});

describe('routeSubjects', () => {
  it('routes each subject as routeSubject does, looking shared keys up once', async () => {
    const subjects = [
      { phone: RESIDENT_PHONE },
      { idNumber: RESIDENT_ID },
      { phone: AREA_PHONE },
      { phone: '13907785555' },
      { phone: '13700000077' },
      { phone: RESIDENT_PHONE, idNumber: RESIDENT_ID },
      { reportingBranchId: org.branch.id },
      {},
      { phone: DISTRICT_PHONE },
      { phone: RESIDENT_PHONE },
    ];
    const bulk = await routeSubjects(db, subjects);
    // the per-subject path through the database ports, as routing worked before the bulk version; the route kept
    // is the explanation the lifecycle's start used to compute again (explainRoute)
    const one = [];
    for (const s of subjects) {
      const route = await routeSubjectToStation(db, s);
      const home = await locateResident(db, { idNumber: s.idNumber, phone: s.phone });
      const placed = route.routed
        ? { unitId: route.unitId, routed: true }
        : home
          ? { unitId: home.unitId, routed: true }
          : { unitId: org.city.id, routed: false };
      one.push({ ...placed, route: await explainRoute(db, { subject: s, ...placed }) });
    }
    expect(bulk).toEqual(one);
    expect(await routeSubject(db, subjects[2]!)).toEqual(one[2]);
    expect(bulk.map((r) => r.unitId)).toEqual([
      org.stationA.id,
      org.stationB.id,
      org.otherDistrict.id,
      org.otherDistrict.id,
      org.city.id,
      org.stationB.id,
      org.city.id,
      org.city.id,
      org.district.id,
      org.stationA.id,
    ]);
    expect(bulk.map((r) => r.routed)).toEqual([true, true, true, true, false, true, false, false, true, true]);
  });
});
