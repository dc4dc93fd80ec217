// Script recognition over HTTP on a real server and database: classify a text, store officers' labels, and a
// person publishes a retrained model (new version, audited); labels change nothing until then.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../test/harness/server.ts';
import { seedOrg, USER_PASSWORD } from '../../../test/factories.ts';
import { activeClassifier, loadPublishedModel, setActiveModel, syncPublishedModel, trainWith } from './index.ts';
import { scriptLabels, scriptModels } from './schema.ts';

let server: TestServer;
let analyst: Client;
let officer: Client;

beforeAll(async () => {
  server = await startTestServer();
  await seedOrg(server.database.db);
  analyst = await server.login('analyst', USER_PASSWORD);
  officer = await server.login('officerA', USER_PASSWORD);
});
afterAll(async () => {
  setActiveModel(trainWith([]));
  await server.close();
});

const TEXT = '【国家补贴】您有一笔以旧换新补贴待领取，请在页面输入银行卡号和密码即可到账';

describe('script model', () => {
  it('classifies a text for any signed-in user, with types named and the words that drove it', async () => {
    const res = await officer.request('POST', '/api/v1/script/classify', {
      text: '您的账户因操作失误被冻结，需充值8万元解冻后方可提现',
    });
    expect(res.status).toBe(200);
    expect(res.body.label).toBe('fake_investment');
    expect(res.body.probabilities).toHaveLength(13);
    expect(res.body.probabilities[0].name).toBe('虚假网络投资理财');
    expect(res.body.words.length).toBeGreaterThan(0);
    expect((await officer.request('POST', '/api/v1/script/classify', { text: '' })).status).toBe(400);
  });

  it('labels are stored and change nothing until a person publishes; publishing makes a new, audited version', async () => {
    const before = (await analyst.get('/api/v1/script/model')).body;
    expect(before.published).toBeNull();
    expect(before.activeVersion).toMatch(/^nb-/);
    const bad = await analyst.request('POST', '/api/v1/script/labels', {
      text: TEXT,
      label: 'no_such',
      sourceKind: 'manual',
    });
    expect(bad.status).toBe(400);
    expect(
      (
        await officer.request('POST', '/api/v1/script/labels', {
          text: TEXT,
          label: 'fake_customer_service',
          sourceKind: 'manual',
        })
      ).status,
    ).toBe(403);
    for (let i = 0; i < 3; i++) {
      const r = await analyst.request('POST', '/api/v1/script/labels', {
        text: TEXT.replace('以旧换新', ['家电', '汽车', '手机'][i]!),
        label: 'fake_customer_service',
        sourceKind: 'warning',
        sourceId: `W${i}`,
      });
      expect(r.status).toBe(200);
    }
    const mid = (await analyst.get('/api/v1/script/model')).body;
    expect(mid.pendingLabels).toBe(3);
    expect(mid.activeVersion).toBe(before.activeVersion); // never silently
    const pBefore = activeClassifier()
      .classify(TEXT)
      .probabilities.find((x) => x.code === 'fake_customer_service')!.p;

    const pub = await analyst.request('POST', '/api/v1/script/model/publish', { note: '加入3条预警标注' });
    expect(pub.status).toBe(200);
    expect(pub.body.published.version).not.toBe(before.activeVersion);
    expect(pub.body.activeVersion).toBe(pub.body.published.version);
    expect(pub.body.pendingLabels).toBe(0);
    expect(pub.body.published.metrics.macroRecall).toBeGreaterThan(0.5);
    expect(
      activeClassifier()
        .classify(TEXT)
        .probabilities.find((x) => x.code === 'fake_customer_service')!.p,
    ).toBeGreaterThan(pBefore);
    const audit = await analyst.get('/api/v1/audit?entityType=script_model');
    if (audit.status === 200) expect(JSON.stringify(audit.body)).toContain(pub.body.published.version);

    // another node starting later loads the same published model
    setActiveModel(trainWith([]));
    expect(await loadPublishedModel(server.database.db)).toBe(pub.body.published.version);
  }, 60_000);

  it('a model another node published is picked up while running (no restart); nothing happens when none is newer', async () => {
    const db = server.database.db;
    expect(await syncPublishedModel(db)).toBeNull(); // this node's model is the latest published one
    // what another node's publication leaves in the database: one more label, one more model row
    const [l] = await db
      .insert(scriptLabels)
      .values({ text: TEXT, label: 'normal', sourceKind: 'manual', labelledBy: 'x', labelledByName: 'x' })
      .returning({ id: scriptLabels.id });
    const others = trainWith([
      ...(await db.select({ text: scriptLabels.text, label: scriptLabels.label }).from(scriptLabels)),
    ]);
    await db.insert(scriptModels).values({
      version: others.version,
      labelsUpTo: l!.id,
      examples: others.examples,
      metrics: { accuracy: 0, macroPrecision: 0, macroRecall: 0 },
      publishedBy: 'x',
      publishedByName: 'x',
    });
    expect(activeClassifier().model.version).not.toBe(others.version);
    expect(await syncPublishedModel(db)).toBe(others.version);
    expect(activeClassifier().model.version).toBe(others.version);
    expect(await syncPublishedModel(db)).toBeNull();
  }, 60_000);
});
