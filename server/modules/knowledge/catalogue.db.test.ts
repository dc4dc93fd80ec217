// The fraud-type catalogue the system shows is the published knowledge base's: publishing a version that renames a
// type and moves it under another parent renames it in GET /api/v1/fraud-types, on warnings already stored, in the
// script classifier's answer and the public education page — without a restart; a draft or a version in review
// changes nothing. (Several nodes: test/api/nodes.db.test.ts.)
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedOrg, USER_PASSWORD } from '../../../test/factories.ts';
import { startTestServer, type Client, type TestServer } from '../../../test/harness/server.ts';
import { applyCatalogue, fraudTypeRef } from '../fraud-types/index.ts';

let s: TestServer;
let analyst: Client, peer: Client;

beforeAll(async () => {
  s = await startTestServer();
  await seedOrg(s.database.db);
  analyst = await s.login('analyst', USER_PASSWORD);
  peer = await s.login('districtAnalyst', USER_PASSWORD);
});
afterAll(async () => {
  applyCatalogue([], ''); // module state: leave the built-in catalogue for whatever runs next in this worker
  await s?.close();
});

const typeOf = async (code: string) =>
  (
    (await analyst.get('/api/v1/fraud-types')).body.items as { code: string; name: string; parent: string | null }[]
  ).find((t) => t.code === code);

it('a published rename is the catalogue everywhere; a draft is not', async () => {
  expect(await typeOf('ticket_refund')).toMatchObject({ name: '机票退改签', parent: 'fake_customer_service' });
  const w = await analyst.post('/api/v1/warnings', {
    level: 'medium',
    fraudTypes: ['ticket_refund'],
    subject: { phone: '13600010001' },
    summary: '航班取消短信',
  });
  expect(w.status).toBe(201);
  const shown = async () => (await analyst.get(`/api/v1/warnings/${w.body.id}`)).body.fraudTypes[0].name;
  expect(await shown()).toBe('机票退改签');

  const d = await analyst.post('/api/v1/knowledge/entries/ticket_refund/drafts', {});
  expect(d.status).toBe(201);
  const content = { ...d.body.content, name: '机票退改签诈骗', parent: null, listVersion: 'mps-2026' };
  expect((await analyst.request('PUT', `/api/v1/knowledge/versions/${d.body.id}`, { content })).status).toBe(200);
  expect((await analyst.post(`/api/v1/knowledge/versions/${d.body.id}/submit`, {})).status).toBe(200);
  expect((await typeOf('ticket_refund'))?.name).toBe('机票退改签'); // in review: nothing changes yet

  const before = (await analyst.get('/api/v1/fraud-types')).body.version;
  expect((await peer.post(`/api/v1/knowledge/versions/${d.body.id}/publish`, {})).status).toBe(200);
  const cat = await analyst.get('/api/v1/fraud-types');
  expect(cat.body.version).not.toBe(before);
  expect(cat.body.items.find((t: { code: string }) => t.code === 'ticket_refund')).toMatchObject({
    name: '机票退改签诈骗',
    parent: null,
    listVersion: 'mps-2026',
  });
  expect(cat.body.items).toHaveLength(12); // the other types are still there
  // the stored warning shows the name in force; so do engine labels (fraudTypeRef), classification, education
  expect(await shown()).toBe('机票退改签诈骗');
  expect(fraudTypeRef('ticket_refund').name).toBe('机票退改签诈骗');
  const c = await analyst.post('/api/v1/script/classify', { text: '您的航班已取消，退改签补偿请联系客服办理' });
  const names = c.body.probabilities.map((p: { code: string; name: string }) => `${p.code}:${p.name}`);
  expect(names).toContain('ticket_refund:机票退改签诈骗');
  const edu = await s.app.inject({ method: 'GET', url: '/api/v1/public/education' });
  expect(edu.statusCode).toBe(200);
  expect(JSON.parse(edu.body).items.find((t: { code: string }) => t.code === 'ticket_refund').name).toBe(
    '机票退改签诈骗',
  );
});
