// A published script change is what the next AI call speaks and the next SMS says: publish a new voice script
// and SMS template for 冒充公检法 through the API, enter a warning, and the voice gateway simulator receives the
// new sentences, the SMSC the new text. Before publication (in review) the built-in text is still used.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../../../test/factories.ts';
import type { Client } from '../../../test/harness/server.ts';
import { startLoopServer, startPeers, waitFor, type LoopServer } from '../../../test/harness/dissuasion.ts';

let s: LoopServer;
let peers: Awaited<ReturnType<typeof startPeers>>;
let org: TestOrg;
let analyst: Client, peer: Client;

beforeAll(async () => {
  peers = await startPeers();
  s = await startLoopServer({ dissuasion: { channels: peers.channels, pollMs: 100 } });
  org = await seedOrg(s.database.db);
  [analyst, peer] = (await Promise.all(['analyst', 'districtAnalyst'].map((u) => s.login(u, USER_PASSWORD)))) as [
    Client,
    Client,
  ];
  for (const phone of ['13700010001', '13700020001'])
    expect((await analyst.post('/api/v1/residents', { name: '钱一', phone, unitId: org.gridA.id })).status).toBe(201);
});
afterAll(async () => {
  await s?.close();
  await peers?.stop();
});

async function spoken(phone: string): Promise<{ voice: string; sms: string }> {
  const r = await analyst.post('/api/v1/warnings', {
    level: 'high',
    fraudTypes: ['impersonate_authority'],
    subject: { phone },
    summary: '96110 来电',
  });
  expect(r.status).toBe(201);
  const call = await waitFor(
    () => [...peers.voice.calls.values()].find((c) => c.request.to === phone),
    10_000,
    'the AI call at the gateway',
  );
  const sms = await waitFor(() => peers.smsc.received.find((m) => m.to === phone), 10_000, 'the SMS at the SMSC');
  return { voice: call.request.segments.map((x) => x.text).join(''), sms: sms.text };
}

it('publishing a changed voice script and SMS template changes the next call and SMS', async () => {
  const NEW_VOICE = '民警不会在电话里办案，更不会让您去宾馆隔离，请马上挂断。';
  const NEW_SMS = '公安机关不会电话办案，让您去宾馆隔离、转账到安全账户的都是骗子。';
  const d = await analyst.post('/api/v1/knowledge/entries/impersonate_authority/drafts', {});
  expect(d.status).toBe(201);
  const content = { ...d.body.content, voiceScript: [NEW_VOICE], smsTemplates: [NEW_SMS] };
  expect((await analyst.request('PUT', `/api/v1/knowledge/versions/${d.body.id}`, { content })).status).toBe(200);
  expect((await analyst.post(`/api/v1/knowledge/versions/${d.body.id}/submit`, {})).status).toBe(200);

  const before = await spoken('13700010001'); // in review: not live yet
  expect(before.voice).not.toContain(NEW_VOICE);
  expect(before.sms).not.toContain(NEW_SMS);
  expect(before.voice).toContain('公检法'); // the published version 1 (from the catalogue)

  expect((await peer.post(`/api/v1/knowledge/versions/${d.body.id}/publish`, {})).status).toBe(200);
  const after = await spoken('13700020001');
  expect(after.voice).toContain(NEW_VOICE);
  expect(after.sms).toContain(NEW_SMS);
  expect(after.sms).not.toMatch(/https?:|www\./);
});
