// More labelled texts (issue 15): a recorded case's narrative and a published knowledge-base entry's typical script
// and case write-ups become label PROPOSALS with their type — de-identified, never trained on until an officer
// confirms them. Real server, real events (cases and knowledge publish them; the rules' subscriber proposes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../test/harness/server.ts';
import { seedOrg, USER_PASSWORD } from '../../../test/factories.ts';
import { deidentifyNarrative } from '../cases/index.ts';

let server: TestServer;
let analyst: Client;
let peer: Client;
let officer: Client;

beforeAll(async () => {
  server = await startTestServer();
  await seedOrg(server.database.db);
  [analyst, peer, officer] = (await Promise.all(
    ['analyst', 'districtAnalyst', 'officerA'].map((u) => server.login(u, USER_PASSWORD)),
  )) as [Client, Client, Client];
});
afterAll(async () => server?.close());

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const model = async () => (await analyst.get('/api/v1/script/model')).body;

describe('label proposals from cases and the knowledge base', () => {
  it("a case's narrative is proposed with the case's type, the victim's name and numbers masked; confirming it makes a label", async () => {
    const summary =
      '张秀兰接到自称公安局民警的电话，称其身份证110105194912310021涉嫌洗钱，让她把存款转到13912345678提供的安全账户';
    const res = await officer.post('/api/v1/cases', {
      reportedAt: minutesAgo(5),
      victim: { name: '张秀兰', phone: '13900000009' },
      fraudTypes: ['impersonate_authority'],
      loss: 30000,
      summary,
      payments: [{ paidAt: minutesAgo(40), amount: 30000, toAccount: '6222021234567890128', toName: '王五' }],
      identifiers: [],
    });
    expect(res.status).toBe(201);
    await server.app.events.drain();
    const info = await model();
    const p = info.proposals.filter((x: any) => x.sourceKind === 'case' && x.sourceId === res.body.id);
    expect(p).toHaveLength(1);
    expect(p[0].label).toBe('impersonate_authority');
    expect(p[0].labelledByName).toBe('案件简要案情建议');
    expect(p[0].text).toContain('自称公安局民警');
    expect(p[0].text).not.toContain('张秀兰');
    expect(p[0].text).not.toMatch(/\d{5}/);
    expect(info.labels.some((l: any) => l.sourceKind === 'case')).toBe(false); // not trained on: proposed only
    const pending = info.pendingLabels;
    // handled once (a durable subscriber): nothing more is proposed for the case
    await server.app.events.drain();
    expect((await model()).proposals.filter((x: any) => x.sourceId === res.body.id)).toHaveLength(1);
    const ok = await analyst.request('POST', `/api/v1/script/proposals/${p[0].id}`, { decision: 'accept' });
    expect(ok.status).toBe(200);
    const after = await model();
    expect(after.pendingLabels).toBe(pending + 1);
    expect(after.labels[0]).toMatchObject({ sourceKind: 'case', label: 'impersonate_authority', text: p[0].text });
  }, 60_000);

  it("a published knowledge-base version's typical script and case write-ups are proposed with the entry's type, once", async () => {
    const d = await analyst.post('/api/v1/knowledge/entries/game_trade/drafts', {});
    expect(d.status).toBe(201);
    const content = structuredClone(d.body.content);
    const story = '某中学生在游戏里看到有人低价出售稀有皮肤，对方让他到陌生交易网站付“保证金”，付款后被拉黑。';
    content.cases = [...content.cases, { title: '低价皮肤交易', text: story }];
    expect((await analyst.request('PUT', `/api/v1/knowledge/versions/${d.body.id}`, { content })).status).toBe(200);
    expect((await analyst.post(`/api/v1/knowledge/versions/${d.body.id}/submit`, {})).status).toBe(200);
    // in review: nothing proposed yet from this version
    await server.app.events.drain();
    expect((await model()).proposals.some((x: any) => x.text === story)).toBe(false);
    expect((await peer.post(`/api/v1/knowledge/versions/${d.body.id}/publish`, {})).status).toBe(200);
    await server.app.events.drain();
    const mine = (await model()).proposals.filter(
      (x: any) => x.sourceKind === 'knowledge' && x.sourceId === 'game_trade@v2',
    );
    expect(mine.map((x: any) => x.label).every((l: string) => l === 'game_trade')).toBe(true);
    expect(mine.map((x: any) => x.text)).toEqual(expect.arrayContaining([story, content.script.trim()]));
    expect(mine[0].labelledByName).toBe('知识库发布建议');
    // a later version that repeats the same texts proposes only what is new
    const d3 = await analyst.post('/api/v1/knowledge/entries/game_trade/drafts', {});
    const c3 = structuredClone(d3.body.content);
    c3.talkingPoints.general = ['游戏交易只走官方平台', ...c3.talkingPoints.general];
    await analyst.request('PUT', `/api/v1/knowledge/versions/${d3.body.id}`, { content: c3 });
    await analyst.post(`/api/v1/knowledge/versions/${d3.body.id}/submit`, {});
    expect((await peer.post(`/api/v1/knowledge/versions/${d3.body.id}/publish`, {})).status).toBe(200);
    await server.app.events.drain();
    expect((await model()).proposals.filter((x: any) => x.sourceId === 'game_trade@v3')).toEqual([]);
    // rejecting one keeps it out of training
    const r = await analyst.request('POST', `/api/v1/script/proposals/${mine[0].id}`, { decision: 'reject' });
    expect(r.body.labelId).toBeNull();
  }, 60_000);

  it('de-identification masks the names given and every long run of digits', () => {
    expect(deidentifyNarrative('李四的卡6222021234567890128转给13912345678，身份证11010519491231002X', ['李四'])).toBe(
      '某某的卡****转给****，身份证****',
    );
    expect(deidentifyNarrative('损失3万元，共2笔')).toBe('损失3万元，共2笔');
  });
});
