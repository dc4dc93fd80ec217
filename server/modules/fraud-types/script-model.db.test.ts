// Script recognition over HTTP on a real server and database: classify a text, store officers' labels, and a
// person publishes a retrained model (new version, audited); labels change nothing until then.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../test/harness/server.ts';
import { seedOrg, USER_PASSWORD } from '../../../test/factories.ts';
import { activeClassifier, loadPublishedModel, setActiveModel, syncPublishedModel, trainWith } from './index.ts';
import { scriptLabels, scriptModels } from './schema.ts';
import { sql } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { publish } from '../../platform/events/index.ts';
import { ingestEvents } from '../ingest/index.ts';

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

  it("a closed warning's texts are proposed as labels (type, or normal for 误报); an officer confirms or rejects", async () => {
    const db = server.database.db;
    const sms = '您的快递丢失，我们将双倍理赔，请添加客服QQ并开启屏幕共享办理退款';
    const occurredAt = '2026-07-10T09:00:00+08:00';
    const r = await ingestEvents(
      db,
      SYSTEM_ACTOR,
      [
        {
          id: 's1',
          source: 'telecom.cmcc',
          type: 'sms',
          occurredAt,
          subject: { phone: '13872009999' },
          peer: '10690001',
          direction: 'in',
          text: sms,
        },
      ],
      new Map(),
      'api',
      { maxFutureSkewMs: 10 * 365 * 86_400_000 },
    );
    expect(r.rejected).toBe(0);
    const unit = ((await db.execute(sql`select id from units limit 1`)) as unknown as { rows: { id: string }[] })
      .rows[0]!.id;
    for (const [id, disposition] of [
      ['LP1', 'dissuaded'],
      ['LP2', 'false_alarm'],
      ['LP3', 'unreachable'],
    ] as const)
      await db.transaction(async (tx) => {
        await tx.execute(sql`
          insert into warnings (id, source, subject_key, subject, level, score, fraud_types, rule_hits, evidence_event_ids,
            status, unit_id, closed_at, disposition)
          values (${id}, 'engine', ${`p:1387200999${id.slice(2)}`}, '{}'::jsonb, 'medium', 60,
            ${JSON.stringify([{ code: 'fake_customer_service', name: '冒充电商物流客服' }])}::jsonb, '[]'::jsonb,
            ${JSON.stringify(['telecom.cmcc/s1'])}::jsonb, 'closed', ${unit}, now(), ${JSON.stringify({ disposition })}::jsonb)`);
        await publish(tx, 'warning.closed', {
          warningId: id,
          unitId: unit,
          subjectKey: 'p:x',
          disposition,
          closedAt: new Date().toISOString(),
          victimised: false,
        });
      });
    await server.app.events.drain();
    const info = (await analyst.get('/api/v1/script/model')).body;
    const mine = info.proposals.filter((x: any) => ['LP1', 'LP2', 'LP3'].includes(x.sourceId));
    expect(mine.map((x: any) => [x.sourceId, x.label, x.text]).sort()).toEqual([
      ['LP1', 'fake_customer_service', sms],
      ['LP2', 'normal', sms],
    ]); // 无法联系 says nothing about the text
    const pending = info.pendingLabels;
    const p1 = mine.find((x: any) => x.sourceId === 'LP1');
    const p2 = mine.find((x: any) => x.sourceId === 'LP2');
    expect((await officer.request('POST', `/api/v1/script/proposals/${p1.id}`, { decision: 'accept' })).status).toBe(
      403,
    );
    const ok = await analyst.request('POST', `/api/v1/script/proposals/${p1.id}`, { decision: 'accept' });
    expect(ok.status).toBe(200);
    expect(ok.body.labelId).toBeGreaterThan(p1.id);
    expect(
      (await analyst.request('POST', `/api/v1/script/proposals/${p2.id}`, { decision: 'reject' })).body.labelId,
    ).toBeNull();
    expect((await analyst.request('POST', `/api/v1/script/proposals/${p1.id}`, { decision: 'reject' })).status).toBe(
      409,
    );
    const after = (await analyst.get('/api/v1/script/model')).body;
    expect(after.pendingLabels).toBe(pending + 1); // only the confirmed one trains the next model
    expect(after.proposals.some((x: any) => x.sourceId === 'LP1' || x.sourceId === 'LP2')).toBe(false);
    expect(after.labels[0]).toMatchObject({ text: sms, label: 'fake_customer_service', sourceId: 'LP1' });
  }, 60_000);
});
