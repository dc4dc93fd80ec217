// The knowledge base through the real HTTP server: seeded from the catalogue, drafts, review/publish by another
// person (the author never publishes their own version), every version kept and diff-able, Chinese full-text
// search on jieba words, and the warning page's talking points reading the published version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../test/harness/server.ts';
import { seedOrg, USER_PASSWORD } from '../../../test/factories.ts';

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

it('talking points by type and audience', async () => {
  const r = await officer.get(
    '/api/v1/knowledge/talking-points?types=impersonate_authority,unknown_type&audience=elderly',
  );
  expect(r.status).toBe(200);
  expect(r.body.items.map((i: { fraudType: string }) => i.fraudType)).toEqual(['impersonate_authority']);
  expect(r.body.items[0].audiencePoints.length).toBeGreaterThan(0);
  expect(r.body.items[0].version).toBe(1); // from the published knowledge base, seeded from the catalogue
  expect((await officer.get('/api/v1/knowledge/talking-points?types=x&audience=aliens')).status).toBe(400);
  expect(
    (await server.login('bank', USER_PASSWORD).then((c) => c.get('/api/v1/knowledge/talking-points?types=fake_loan')))
      .status,
  ).toBe(200);
  expect((await server.anonymous().get('/api/v1/knowledge/talking-points?types=fake_loan')).status).toBe(401);
});

describe('versions and review', () => {
  it('the 12 catalogue types are published as version 1 on an empty knowledge base', async () => {
    const r = await officer.get('/api/v1/knowledge/entries');
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(12);
    expect(r.body.items.every((i: { published: { version: number } }) => i.published.version === 1)).toBe(true);
  });

  it('draft → in review → published by another person; the author cannot publish; history and diff', async () => {
    const d = await analyst.post('/api/v1/knowledge/entries/brushing_rebate/drafts', {});
    expect(d.status).toBe(201);
    expect(d.body).toMatchObject({ version: 2, status: 'draft', authorIsYou: true });
    // one open draft per entry
    expect((await peer.post('/api/v1/knowledge/entries/brushing_rebate/drafts', {})).status).toBe(409);
    // an officer reads, never writes, and does not see drafts
    expect((await officer.post('/api/v1/knowledge/entries/fake_loan/drafts', {})).status).toBe(403);
    expect((await officer.get(`/api/v1/knowledge/versions/${d.body.id}`)).status).toBe(404);

    const content = structuredClone(d.body.content);
    content.talkingPoints.general = ['新话术：做任务先垫付就是诈骗，立即停止转账', ...content.talkingPoints.general];
    // an SMS with a link (also a short link or full-width dots) is refused with its field, nothing stored
    for (const bad of ['详情见 t.cn/A6abcd', '点击 www.example.com 查看', '访问 example。com 领取']) {
      const r = await analyst.request('PUT', `/api/v1/knowledge/versions/${d.body.id}`, {
        content: { ...content, smsTemplates: [bad] },
      });
      expect(r.status, bad).toBe(400);
      expect(JSON.stringify(r.body)).toContain('content.smsTemplates.0');
    }
    const long = await analyst.request('PUT', `/api/v1/knowledge/versions/${d.body.id}`, {
      content: { ...content, smsTemplates: ['刷'.repeat(71)] },
    });
    expect(long.status).toBe(400);
    const u = await analyst.request('PUT', `/api/v1/knowledge/versions/${d.body.id}`, { content });
    expect(u.status).toBe(200);

    // a reviewer cannot publish a draft that was not submitted
    expect((await peer.post(`/api/v1/knowledge/versions/${d.body.id}/publish`, {})).status).toBe(409);
    expect((await analyst.post(`/api/v1/knowledge/versions/${d.body.id}/submit`, {})).status).toBe(200);
    // the author holds knowledge:publish too, and still may not publish (nor reject) their own version
    const own = await analyst.post(`/api/v1/knowledge/versions/${d.body.id}/publish`, {});
    expect(own.status).toBe(403);
    expect((await analyst.post(`/api/v1/knowledge/versions/${d.body.id}/reject`, {})).status).toBe(403);
    expect((await officer.post(`/api/v1/knowledge/versions/${d.body.id}/publish`, {})).status).toBe(403);
    // while in review the text is not live
    let tp = await officer.get('/api/v1/knowledge/talking-points?types=brushing_rebate');
    expect(tp.body.items[0].points[0]).not.toContain('新话术');

    const p = await peer.post(`/api/v1/knowledge/versions/${d.body.id}/publish`, { note: '同意' });
    expect(p.status).toBe(200);
    expect(p.body).toMatchObject({ status: 'published', reviewerName: 'districtAnalyst', reviewNote: '同意' });
    tp = await officer.get('/api/v1/knowledge/talking-points?types=brushing_rebate');
    expect(tp.body.items[0]).toMatchObject({ version: 2 });
    expect(tp.body.items[0].points[0]).toContain('新话术');

    const e = await officer.get('/api/v1/knowledge/entries/brushing_rebate');
    expect(e.body.published.version).toBe(2);
    expect(e.body.history.map((h: { version: number; status: string }) => `${h.version}:${h.status}`)).toEqual([
      '2:published',
      '1:superseded',
    ]);
    const diff = await officer.get(`/api/v1/knowledge/versions/${d.body.id}/diff`);
    expect(diff.status).toBe(200);
    expect(diff.body.changes).toEqual([
      { field: 'talkingPoints.general', removed: [], added: ['新话术：做任务先垫付就是诈骗，立即停止转账'] },
    ]);
    // the old version is kept, whole
    const v1 = e.body.history.find((h: { version: number }) => h.version === 1);
    const old = await officer.get(`/api/v1/knowledge/versions/${v1.id}`);
    expect(old.body.content.talkingPoints.general[0]).not.toContain('新话术');
  });

  it('a reviewer sends a version back; the author withdraws and edits again', async () => {
    const d = await peer.post('/api/v1/knowledge/entries/fake_loan/drafts', {});
    expect((await peer.post(`/api/v1/knowledge/versions/${d.body.id}/submit`, {})).status).toBe(200);
    // not editable while in review
    expect(
      (await peer.request('PUT', `/api/v1/knowledge/versions/${d.body.id}`, { content: d.body.content })).status,
    ).toBe(409);
    const rj = await analyst.post(`/api/v1/knowledge/versions/${d.body.id}/reject`, { note: '短信太长' });
    expect(rj.body).toMatchObject({ status: 'draft', reviewNote: '短信太长' });
    expect(
      (await peer.request('PUT', `/api/v1/knowledge/versions/${d.body.id}`, { content: d.body.content })).status,
    ).toBe(200);
  });

  it('unknown fields and codes are refused with the field', async () => {
    const r = await analyst.post('/api/v1/knowledge/entries/Bad-Code/drafts', {});
    expect(r.status).toBe(400);
    const n = await analyst.post('/api/v1/knowledge/entries/new_type_x/drafts', {});
    expect(n.status).toBe(400);
    expect(JSON.stringify(n.body)).toContain('content');
  });
});

describe('Chinese full-text search (jieba)', () => {
  it('finds a word inside longer text and ranks by it; drafts only for editors', async () => {
    const r = await officer.get(`/api/v1/knowledge/search?q=${encodeURIComponent('刷单')}`);
    expect(r.status).toBe(200);
    expect(r.body.tokens).toEqual(['刷单']);
    expect(r.body.items[0].code).toBe('brushing_rebate');
    // a phrase: every word must be there (安全账户 → 安全 & 账户)
    const s = await officer.get(`/api/v1/knowledge/search?q=${encodeURIComponent('安全账户')}`);
    expect(s.body.items.map((i: { code: string }) => i.code)).toContain('impersonate_authority');
    const none = await officer.get(`/api/v1/knowledge/search?q=${encodeURIComponent('量子纠缠')}`);
    expect(none.body.items).toEqual([]);
    // a word in a case write-up (de-identified text) is found too
    const c = await officer.get(`/api/v1/knowledge/search?q=${encodeURIComponent('退休教师')}`);
    expect(c.body.items.map((i: { code: string }) => i.code)).toContain('impersonate_authority');
    // a new word in an open draft: editors find it with includeDrafts, readers do not
    const d = await analyst.post('/api/v1/knowledge/entries/sextortion/drafts', {});
    const content = structuredClone(d.body.content);
    content.script = `${content.script}骗子还会冒充“网络清理员”索要删除费。`;
    await analyst.request('PUT', `/api/v1/knowledge/versions/${d.body.id}`, { content });
    const q = `/api/v1/knowledge/search?q=${encodeURIComponent('删除费')}&includeDrafts=true`;
    expect((await analyst.get(q)).body.items.map((i: { status: string }) => i.status)).toEqual(['draft']);
    expect((await officer.get(q)).body.items).toEqual([]);
  });
});
