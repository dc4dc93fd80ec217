import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../../../test/factories.ts';
import type { Client } from '../../../test/harness/server.ts';
import { startLoopServer, waitFor, type LoopServer } from '../../../test/harness/dissuasion.ts';

// 已被骗 and the cases: the closure leaves an intake request for the case module, a victim reported from a case
// (or a 96110 report) flags the person's earlier warning, matched on normalised identifiers, and reopening a
// 已被骗 warning withdraws what it set off. No channels: a 高 call fails and goes to the station at once.
let s: LoopServer;
let org: TestOrg;
let analyst: Client;
let officerA: Client;
let officerB: Client;
let leader: Client;
beforeAll(async () => {
  s = await startLoopServer({ dissuasion: { pollMs: 60_000 } });
  org = await seedOrg(s.database.db);
  [analyst, officerA, officerB, leader] = (await Promise.all(
    ['analyst', 'officerA', 'officerB', 'leader'].map((u) => s.login(u, USER_PASSWORD)),
  )) as [Client, Client, Client, Client];
  expect(
    (
      await analyst.post('/api/v1/residents', {
        name: '孙八',
        phone: '13500000008',
        idNumber: '11010519491231002X',
        unitId: org.gridA.id,
      })
    ).status,
  ).toBe(201);
});
afterAll(async () => {
  await s?.close();
});

const wf = async (c: Client, id: string) => (await c.get(`/api/v1/warnings/${id}/workflow`)).body;
const act = (c: Client, id: string, body: Record<string, unknown>) => c.post(`/api/v1/warnings/${id}/actions`, body);
async function signedWarning(subject: Record<string, string>): Promise<string> {
  const id = (await analyst.post('/api/v1/warnings', { level: 'high', fraudTypes: ['impersonate_authority'], subject }))
    .body.id as string;
  await waitFor(async () => (await wf(officerA, id)).status === 'dispatched', 5_000, 'dispatch');
  expect((await act(officerA, id, { type: 'sign' })).status).toBe(200);
  return id;
}

describe('已被骗 → case intake, and back', () => {
  let first: string;
  let second: string;
  it('closing 已被骗 stores an intake request with the amounts, subject and warning for the case module', async () => {
    first = await signedWarning({ phone: '13500000008' });
    expect(
      (await act(officerA, first, { type: 'close', disposition: 'dissuaded', lossAvoided: 8000, note: '已劝阻' }))
        .status,
    ).toBe(200);
    second = await signedWarning({ phone: '13500000008', name: '孙八', address: '河池市金城江区某小区' });
    expect(
      (await act(officerA, second, { type: 'close', disposition: 'defrauded', loss: 20000, note: '已转账两笔' }))
        .status,
    ).toBe(200);
    const list = (await analyst.get('/api/v1/case-intake?status=pending')).body.items;
    expect(list).toEqual([
      expect.objectContaining({
        warningId: second,
        unitId: org.stationA.id,
        disposition: 'defrauded',
        loss: 20000,
        status: 'pending',
        fraudTypes: ['impersonate_authority'],
        subject: expect.objectContaining({ name: '孙*', phone: '135****0008' }),
      }),
    ]);
    expect((await officerB.get('/api/v1/case-intake')).body.items).toEqual([]); // another station's jurisdiction
    expect((await wf(officerA, first)).flags).toMatchObject([{ victimKind: 'warning_defrauded', victimId: second }]);
  });

  it('reopening the 已被骗 warning withdraws its intake request and the 预警后被骗 flag it raised', async () => {
    expect((await act(officerA, second, { type: 'reopen', reason: '核实未转账，原结论有误' })).status).toBe(200);
    expect((await wf(officerA, first)).flags).toEqual([]);
    expect(
      (await analyst.get('/api/v1/case-intake?status=withdrawn')).body.items.map(
        (i: { warningId: string }) => i.warningId,
      ),
    ).toEqual([second]);
    expect((await analyst.get('/api/v1/case-intake?status=pending')).body.items).toEqual([]);
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    expect((await analyst.get(`/api/v1/stats/warned-then-defrauded?from=${from}&to=${to}`)).body.total).toBe(0);
  });

  it('a victim reported from a case flags the earlier warning, matched on the normalised phone; a repeat changes nothing', async () => {
    const body = {
      source: 'case',
      reference: 'HC-2026-0042',
      subject: { phone: '+86 135-0000-0008' },
      defraudedAt: new Date().toISOString(),
    };
    const r = await analyst.post('/api/v1/victims', body);
    expect(r.status).toBe(201);
    expect(r.body.flaggedWarnings).toEqual([first]);
    expect((await wf(officerA, first)).flags).toMatchObject([
      { kind: 'warned_then_defrauded', victimKind: 'case', victimId: r.body.id, daysAfterClose: 0 },
    ]);
    const again = await analyst.post('/api/v1/victims', body);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: r.body.id, flaggedCount: 0 });
    expect((await wf(officerA, first)).flags).toHaveLength(1);
  });

  it('a victim known only by a lower-case x resident ID is the same person', async () => {
    const third = await signedWarning({ idNumber: '11010519491231002X' });
    expect((await act(officerA, third, { type: 'close', disposition: 'refused', note: '拒绝配合' })).status).toBe(200);
    const r = await officerA.post('/api/v1/victims', {
      source: 'report_96110',
      reference: '96110-77',
      subject: { idNumber: '11010519491231002x' },
      defraudedAt: new Date().toISOString(),
    });
    expect(r.status).toBe(201);
    expect(r.body.flaggedWarnings).toEqual([third]);
  });

  it('bad reports are 400 with the field; readers without warnings:write are refused', async () => {
    const at = new Date().toISOString();
    const none = await analyst.post('/api/v1/victims', {
      source: 'case',
      reference: 'X',
      subject: {},
      defraudedAt: at,
    });
    expect(none.status).toBe(400);
    expect(none.body.field).toBe('subject');
    const bad = await analyst.post('/api/v1/victims', {
      source: 'case',
      reference: 'Y',
      subject: { phone: '138-abc' },
      defraudedAt: at,
    });
    expect(bad.body.field).toBe('subject.phone');
    const future = await analyst.post('/api/v1/victims', {
      source: 'case',
      reference: 'Z',
      subject: { phone: '13500000008' },
      defraudedAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(future.body.field).toBe('defraudedAt');
    expect(
      (
        await leader.post('/api/v1/victims', {
          source: 'case',
          reference: 'W',
          subject: { phone: '13500000008' },
          defraudedAt: at,
        })
      ).status,
    ).toBe(403);
  });
});
