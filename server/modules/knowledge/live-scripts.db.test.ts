// A published script change is what the next AI call speaks and the next SMS says: publish a new voice script
// and SMS template for 冒充公检法 through the API, enter a warning, and the voice gateway simulator receives the
// new sentences, the SMSC the new text. Before publication (in review) the built-in text is still used.
// Per audience: an elderly resident (registry birth year) hears the elderly call script and gets the elderly SMS,
// a student (occupation) the student's, a person of another audience without texts of their own the type's
// general one; a published change of the elderly texts is what the next elderly person hears.
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
  const people: [string, number, string][] = [
    ['13700030001', 1950, '退休'],
    ['13700030002', 1948, '农民'],
    ['13700030003', 2005, '学生'],
    ['13700030004', 1985, '会计'],
    ['13700030005', 1980, '个体'],
  ];
  for (const [phone, birthYear, occupation] of people)
    expect(
      (await analyst.post('/api/v1/residents', { name: '孙三', phone, birthYear, occupation, unitId: org.gridA.id }))
        .status,
    ).toBe(201);
});
afterAll(async () => {
  await s?.close();
  await peers?.stop();
});

async function spoken(
  phone: string,
  type = 'impersonate_authority',
): Promise<{ id: string; voice: string; sms: string }> {
  const r = await analyst.post('/api/v1/warnings', {
    level: 'high',
    fraudTypes: [type],
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
  return { id: r.body.id as string, voice: call.request.segments.map((x) => x.text).join(''), sms: sms.text };
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

it('the call and the SMS speak to the person’s audience, with the type’s general text as the fallback', async () => {
  const entry = async (code: string) => (await analyst.get(`/api/v1/knowledge/entries/${code}`)).body.published.content;
  const authority = await entry('impersonate_authority');
  const elderlyVoice = authority.voiceByAudience.elderly as string[];
  const elderlySms = authority.smsByAudience.elderly as string;
  expect(elderlyVoice.length).toBeGreaterThan(0);

  const old = await spoken('13700030001'); // born 1950: elderly
  for (const line of elderlyVoice) expect(old.voice).toContain(line);
  expect(old.sms).toContain(elderlySms);
  expect(old.voice).not.toContain(authority.voiceScript[0]); // not the general script

  const acct = await spoken('13700030004', 'impersonate_authority'); // an accountant: no finance-staff text here
  expect(acct.voice).toContain(authority.voiceScript[0]);
  expect(acct.sms).toContain(authority.smsTemplates[0]);
  expect(acct.sms).not.toContain(elderlySms);

  const brushing = await entry('brushing_rebate');
  const student = await spoken('13700030003', 'brushing_rebate');
  expect(student.sms).toContain(brushing.smsByAudience.student);
  for (const line of brushing.voiceByAudience.student as string[]) expect(student.voice).toContain(line);
  const adult = await spoken('13700030005', 'brushing_rebate'); // born 1980, 个体: general
  expect(adult.sms).toContain(brushing.smsTemplates[0]);
  expect(adult.sms).not.toContain(brushing.smsByAudience.student);

  // the warning page shows the same: the audience and its talking points first
  const wf = (await analyst.get(`/api/v1/warnings/${old.id}/workflow`)).body;
  expect(wf.script.audience).toBe('elderly');
  expect(wf.script.talkingPoints.slice(0, authority.talkingPoints.elderly.length)).toEqual(
    authority.talkingPoints.elderly,
  );
  expect(wf.script.sms).toContain(elderlySms);

  // a published change of the elderly texts is what the next elderly person hears
  const NEW_OLD_VOICE = '老人家，公安不会打电话叫您转账，您马上挂电话，打给儿女。';
  const NEW_OLD_SMS = '老人家，公安不会电话办案要您转账，马上挂断，打给儿女核实。';
  const d = await analyst.post('/api/v1/knowledge/entries/impersonate_authority/drafts', {});
  expect(d.status).toBe(201);
  const content = {
    ...d.body.content,
    voiceByAudience: { ...d.body.content.voiceByAudience, elderly: [NEW_OLD_VOICE] },
    smsByAudience: { ...d.body.content.smsByAudience, elderly: NEW_OLD_SMS },
  };
  // a link in an audience SMS is refused with its field, nothing stored
  const bad = await analyst.request('PUT', `/api/v1/knowledge/versions/${d.body.id}`, {
    content: { ...content, smsByAudience: { elderly: '老人家请访问 www.example.com 核实' } },
  });
  expect(bad.status).toBe(400);
  expect(JSON.stringify(bad.body)).toContain('smsByAudience.elderly');
  expect((await analyst.request('PUT', `/api/v1/knowledge/versions/${d.body.id}`, { content })).status).toBe(200);
  expect((await analyst.post(`/api/v1/knowledge/versions/${d.body.id}/submit`, {})).status).toBe(200);
  expect((await peer.post(`/api/v1/knowledge/versions/${d.body.id}/publish`, {})).status).toBe(200);
  const next = await spoken('13700030002'); // born 1948: elderly
  expect(next.voice).toContain(NEW_OLD_VOICE);
  expect(next.sms).toContain(NEW_OLD_SMS);
  expect(next.voice).not.toContain(elderlyVoice[0]);
});
