// GET /api/v1/warnings filters over real HTTP, as a centre analyst uses them: status, unitId (the unit's subtree),
// from/to (opened time, inclusive), and phone / idNumber however the partner wrote the number and however the
// officer types it.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../test/harness/server.ts';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../../../test/factories.ts';
import { residentIdCheckChar } from '../identifiers/index.ts';
import { upsertWarnings, type WarningEvidence } from './service.ts';

let s: TestServer;
let org: TestOrg;
let analyst: Client;
const ids: Record<string, string> = {};

const ID17 = '45272319900101123';
const ID18 = ID17 + residentIdCheckChar(ID17);
const ID15 = '452723900101123'; // the same person's first-generation number

function evidence(subjectKey: string, subject: WarningEvidence['subject']): WarningEvidence {
  return {
    subjectKey,
    subject,
    level: 'high',
    score: 90,
    fraudTypes: [{ code: 'impersonate_authority', name: '冒充公检法及政府机关' }],
    ruleHits: [
      {
        ruleId: 'partner_alert',
        configVersion: 'v1',
        fraudTypes: ['impersonate_authority'],
        score: 60,
        reason: '银行网点报告',
        eventIds: ['e'],
        at: '2026-06-20T02:00:00.000Z',
      },
    ],
    evidenceEventIds: ['e'],
  };
}

beforeAll(async () => {
  s = await startTestServer();
  org = await seedOrg(s.database.db);
  analyst = await s.login('analyst', USER_PASSWORD);
  const written = await upsertWarnings(s.database.db, 'engine', [
    evidence('p:13872001111', { phone: '+86 138 7200 1111' }), // as a partner wrote it
    evidence('i:' + ID18, { idNumber: ID15 }), // a legacy ID
    evidence('p:07715551234', { phone: '(0771) 555-1234' }), // a landline
    evidence('p:13900000004', { phone: '13900000004' }),
  ]);
  ['mobile', 'legacyId', 'landline', 'plain'].forEach((k, i) => {
    ids[k] = written[i]!.id;
  });
  const set = (id: string, status: string, unitId: string, openedAt: string) =>
    s.database.db.execute(sql`
    update warnings set status = ${status}, unit_id = ${unitId}, opened_at = ${openedAt}::timestamptz where id = ${id}`);
  await set(ids.mobile!, 'new', org.city.id, '2026-06-01T08:00:00+08:00');
  await set(ids.legacyId!, 'dispatched', org.stationA.id, '2026-06-10T08:00:00+08:00');
  await set(ids.landline!, 'new', org.gridA.id, '2026-06-20T08:00:00+08:00');
  await set(ids.plain!, 'closed', org.stationB.id, '2026-06-30T08:00:00+08:00');
});
afterAll(async () => s?.close());

async function found(query: string): Promise<string[]> {
  const res = await analyst.get(`/api/v1/warnings?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.total).toBe(res.body.items.length);
  const byId = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));
  return (res.body.items as { id: string }[]).map((w) => byId[w.id] ?? w.id).sort();
}

describe('GET /api/v1/warnings filters', () => {
  it('phone: the stored number matches however either side wrote it', async () => {
    for (const q of ['13872001111', '+86 138 7200 1111', '008613872001111', '138-7200-1111']) {
      expect(await found(`phone=${encodeURIComponent(q)}`), q).toEqual(['mobile']);
    }
    for (const q of ['07715551234', '0771-5551234', '+86 771 555 1234', '+867715551234']) {
      expect(await found(`phone=${encodeURIComponent(q)}`), q).toEqual(['landline']);
    }
    expect(await found('phone=13872001112')).toEqual([]);
  });

  it('idNumber: a legacy 15-digit ID is found by its 18-character form and the other way round', async () => {
    expect(await found(`idNumber=${ID18}`)).toEqual(['legacyId']);
    expect(await found(`idNumber=${ID15}`)).toEqual(['legacyId']);
    if (ID18.endsWith('X')) expect(await found(`idNumber=${ID18.toLowerCase()}`)).toEqual(['legacyId']);
  });

  it('status', async () => {
    expect(await found('status=new')).toEqual(['landline', 'mobile']);
    expect(await found('status=closed')).toEqual(['plain']);
    expect(await found('status=dispatched&phone=13872001111')).toEqual([]);
  });

  it('unitId: the unit and everything under it', async () => {
    expect(await found(`unitId=${org.stationA.id}`)).toEqual(['landline', 'legacyId']); // gridA is under stationA
    expect(await found(`unitId=${org.district.id}`)).toEqual(['landline', 'legacyId']);
    expect(await found(`unitId=${org.otherDistrict.id}`)).toEqual(['plain']);
    expect(await found(`unitId=${org.city.id}`)).toEqual(['landline', 'legacyId', 'mobile', 'plain']);
    expect(await found(`unitId=${org.gridB.id}`)).toEqual([]);
  });

  it('from / to: opened time, both ends inclusive', async () => {
    const q = (from?: string, to?: string) =>
      found(
        [from && `from=${encodeURIComponent(from)}`, to && `to=${encodeURIComponent(to)}`].filter(Boolean).join('&'),
      );
    expect(await q('2026-06-10T08:00:00+08:00')).toEqual(['landline', 'legacyId', 'plain']);
    expect(await q(undefined, '2026-06-10T08:00:00+08:00')).toEqual(['legacyId', 'mobile']);
    expect(await q('2026-06-05T00:00:00Z', '2026-06-25T00:00:00Z')).toEqual(['landline', 'legacyId']);
    expect(await q('2026-07-01T00:00:00Z')).toEqual([]);
    expect((await analyst.get('/api/v1/warnings?from=yesterday')).status).toBe(400);
  });

  it('board: open and routed are filters of the query, so paging and total count only what they keep', async () => {
    // the newest warning is closed: a page of one open warning is the newest OPEN one, not an empty page
    const res = await analyst.get('/api/v1/warnings/board?open=true&pageSize=1');
    expect(res.status).toBe(200);
    expect(res.body.items.map((w: { id: string }) => w.id)).toEqual([ids.landline]);
    expect(res.body.total).toBe(3);
    const page2 = await analyst.get('/api/v1/warnings/board?open=true&pageSize=1&page=3');
    expect(page2.body.items.map((w: { id: string }) => w.id)).toEqual([ids.mobile]);
    const all = await analyst.get('/api/v1/warnings/board?pageSize=10');
    const routed = all.body.items.filter((w: { routed: boolean }) => w.routed).length;
    const manual = await analyst.get('/api/v1/warnings/board?routed=false&pageSize=1');
    expect(manual.body.total).toBe(all.body.total - routed);
  });
});
