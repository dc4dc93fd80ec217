// 两卡 governance through the real HTTP server on a real database: the measure lifecycle of issue 13
// (propose → confirm by another person → partner executes → appeal → decision by a third person → release / expiry),
// and that no measure restricts anyone before a person confirmed it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../test/harness/server.ts';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../../../test/factories.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { createUser } from '../users/index.ts';
import { proposeMeasure, sweepExpired } from './index.ts';
import { addYears } from './lifecycle.ts';

let server: TestServer;
let org: TestOrg;
let analyst: Client, leader: Client, analyst2: Client, bank: Client, telecom: Client, officerB: Client;
const MULE = '6222021234567890123';

beforeAll(async () => {
  server = await startTestServer();
  org = await seedOrg(server.database.db);
  await createUser(server.database.db, SYSTEM_ACTOR, {
    username: 'analyst2',
    displayName: '复核人',
    role: 'center_analyst',
    unitId: org.city.id,
    password: USER_PASSWORD,
  });
  const login = (u: string) => server.login(u, USER_PASSWORD);
  analyst = await login('analyst');
  leader = await login('leader');
  analyst2 = await login('analyst2');
  bank = await login('bank');
  telecom = await login('telecom');
  officerB = await login('officerB');
});
afterAll(async () => server?.close());

const inYears = (n: number) => addYears(new Date(), n).toISOString();

describe('两卡 measures', () => {
  let entryId: string, measureId: string;

  it('a mule account from a case becomes an entry; the same card again adds evidence to it', async () => {
    const r = await analyst.post('/api/v1/cards/entries', {
      kind: 'bank_account',
      value: '6222 0212 3456 7890 123',
      reason: '案件 C-1 一级收款账户',
      caseId: 'C-1',
      source: 'mule',
    });
    expect(r.status).toBe(201);
    entryId = r.body.id;
    const again = await analyst.post('/api/v1/cards/entries', {
      kind: 'bank_account',
      value: MULE,
      reason: '案件 C-2 再次出现',
    });
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ id: entryId, created: false });
    const e = await analyst.get(`/api/v1/cards/entries/${entryId}`);
    expect(e.body.evidence.map((x: { text: string }) => x.text)).toEqual([
      '案件 C-1 一级收款账户',
      '案件 C-2 再次出现',
    ]);
    expect(e.body.value).not.toBe(MULE); // masked by default
    const bad = await analyst.post('/api/v1/cards/entries', { kind: 'phone', value: '12345', reason: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('validation_failed');
  });

  it('a proposal restricts nobody: the bank does not see it, counts show it awaiting confirmation', async () => {
    const r = await analyst.post('/api/v1/cards/measures', {
      entryId,
      measure: 'stop_non_counter',
      reason: '出租出借银行卡',
      endsAt: inYears(3),
    });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ id: expect.any(String), status: 'proposed' });
    measureId = r.body.id;
    expect((await bank.get('/api/v1/cards/measures')).body.items).toEqual([]);
    expect((await bank.post(`/api/v1/cards/measures/${measureId}/ack`)).status).toBe(404);
    const s = (await leader.get('/api/v1/cards/stats')).body;
    expect(s).toMatchObject({ cardsControlled: 0, measuresActive: 0, awaitingConfirmation: 1 });
    expect((await analyst.get(`/api/v1/cards/entries/${entryId}`)).body.restricted).toBe(false);
  });

  it('terms are 2 or 3 years, and a measure must fit the card', async () => {
    expect(
      (
        await analyst.post('/api/v1/cards/measures', {
          entryId,
          measure: 'stop_non_counter',
          reason: 'x',
          endsAt: inYears(4),
        })
      ).body.field,
    ).toBe('endsAt');
    expect(
      (
        await analyst.post('/api/v1/cards/measures', {
          entryId,
          measure: 'stop_non_counter',
          reason: 'x',
          endsAt: inYears(1),
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await analyst.post('/api/v1/cards/measures', {
          entryId,
          measure: 'limit_new_lines',
          reason: 'x',
          endsAt: inYears(2),
        })
      ).body.field,
    ).toBe('measure');
  });

  it('the proposer cannot confirm (403); another person can, and the bank is told', async () => {
    const own = await analyst.post(`/api/v1/cards/measures/${measureId}/confirm`);
    expect(own.status).toBe(403);
    expect((await officerB.post(`/api/v1/cards/measures/${measureId}/confirm`)).status).toBe(403); // no permission
    const ok = await leader.post(`/api/v1/cards/measures/${measureId}/confirm`, { reason: '证据充分' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'in_force', restricts: true, partnerUnitId: org.bank.id });
    expect((await leader.post(`/api/v1/cards/measures/${measureId}/confirm`)).status).toBe(409);
    const seen = (await bank.get('/api/v1/cards/measures')).body.items;
    expect(seen.map((m: { id: string }) => m.id)).toEqual([measureId]);
    expect(seen[0].entryValue).toBe(MULE); // the bank executes on the card: it sees the number
    expect((await telecom.get('/api/v1/cards/measures')).body.items).toEqual([]);
    expect((await bank.get('/api/v1/cards/notices')).body.items[0]).toMatchObject({ kind: 'apply', measureId });
  });

  it('only the addressed partner acknowledges execution', async () => {
    expect((await telecom.post(`/api/v1/cards/measures/${measureId}/ack`)).status).toBe(404);
    const r = await bank.post(`/api/v1/cards/measures/${measureId}/ack`);
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('executed');
    expect((await leader.get('/api/v1/cards/stats')).body).toMatchObject({
      cardsControlled: 1,
      measuresActive: 1,
      byMeasure: { stop_non_counter: 1 },
    });
  });

  it('an appeal is decided by a third person; revoked measures are lifted by the bank', async () => {
    expect(
      (await analyst.post(`/api/v1/cards/measures/${measureId}/appeal`, { reason: '本人称卡片被盗用' })).body.status,
    ).toBe('appealed');
    expect(
      (await analyst.post(`/api/v1/cards/measures/${measureId}/appeal/decision`, { upheld: false, reason: 'x' }))
        .status,
    ).toBe(403);
    expect(
      (await leader.post(`/api/v1/cards/measures/${measureId}/appeal/decision`, { upheld: false, reason: 'x' })).status,
    ).toBe(403);
    expect(
      (await analyst2.post(`/api/v1/cards/measures/${measureId}/appeal/decision`, { upheld: 'no', reason: 'x' }))
        .status,
    ).toBe(400);
    const d = await analyst2.post(`/api/v1/cards/measures/${measureId}/appeal/decision`, {
      upheld: false,
      reason: '报案回执证实被盗',
    });
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ status: 'revoked', restricts: false, decisionReason: '报案回执证实被盗' });
    expect((await bank.get('/api/v1/cards/notices')).body.items[0]).toMatchObject({ kind: 'lift' });
    expect((await bank.post(`/api/v1/cards/measures/${measureId}/release`)).body.status).toBe('released');
    const list = (await analyst.get(`/api/v1/cards/measures?entryId=${entryId}`)).body.items;
    expect(list[0].history.map((h: { to: string }) => h.to)).toEqual([
      'proposed',
      'in_force',
      'executed',
      'appealed',
      'revoked',
      'released',
    ]);
    expect((await leader.get('/api/v1/cards/stats')).body).toMatchObject({ cardsControlled: 0, appealsDecided: 1 });
  });

  it('a system proposal waits for a person; expiry releases with notice (injected clock)', async () => {
    const db = server.database.db;
    const phone = await telecom.post('/api/v1/cards/entries', { kind: 'phone', value: '13912345678', reason: 'x' });
    expect(phone.status).toBe(403); // partners do not write the registry
    const e = await analyst.post('/api/v1/cards/entries', {
      kind: 'phone',
      value: '13912345678',
      reason: '预警涉诈号码',
      source: 'warning_number',
    });
    const t0 = new Date();
    const p = await proposeMeasure(
      db,
      SYSTEM_ACTOR,
      { entryId: e.body.id, measure: 'limit_new_lines', reason: '系统建议', endsAt: addYears(t0, 2).toISOString() },
      () => t0,
    );
    // the system sweeps past the end date: a proposal is not in force, so nothing expires and nothing is sent
    expect(await sweepExpired(db, SYSTEM_ACTOR, () => addYears(t0, 3))).toBe(0);
    expect((await telecom.get('/api/v1/cards/measures')).body.items).toEqual([]);
    const c = await analyst.post(`/api/v1/cards/measures/${p.id}/confirm`);
    expect(c.body).toMatchObject({ status: 'in_force', partnerUnitId: org.telecom.id });
    expect(await sweepExpired(db, SYSTEM_ACTOR, () => addYears(t0, 1))).toBe(0);
    expect(await sweepExpired(db, SYSTEM_ACTOR, () => addYears(t0, 2))).toBe(1);
    expect(await sweepExpired(db, SYSTEM_ACTOR, () => addYears(t0, 2))).toBe(0);
    const m = (await telecom.get('/api/v1/cards/measures')).body.items[0];
    expect(m.status).toBe('expired');
    expect((await telecom.get('/api/v1/cards/notices')).body.items.map((n: { kind: string }) => n.kind)).toEqual([
      'expired',
      'apply',
    ]);
  });

  it('another district does not see the registry (404, not 403)', async () => {
    expect((await officerB.get(`/api/v1/cards/entries/${entryId}`)).status).toBe(404);
    expect((await officerB.get('/api/v1/cards/entries')).body.total).toBe(0);
  });
});
