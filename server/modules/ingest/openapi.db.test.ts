import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness/server.ts';
import { EVENT_EXAMPLES, EVENT_TYPES, MAX_EVENTS_PER_REQUEST } from '../../../contract/events.ts';
import { checkEvent } from './validate.ts';

// The OpenAPI document is what partners generate clients from: the event contract must be in it, whole, with an
// example per type that the server really accepts.
let s: TestServer;
let doc: any;
beforeAll(async () => {
  s = await startTestServer();
  doc = (await s.anonymous().get('/api/openapi.json')).body;
});
afterAll(async () => {
  await s?.close();
});

describe('OpenAPI: the event contract', () => {
  it('POST /api/v1/events documents JSON and NDJSON bodies with every event type and its fields', () => {
    const op = doc.paths['/api/v1/events'].post;
    const json = op.requestBody.content['application/json'];
    expect(json.schema.type).toBe('array');
    expect(json.schema.maxItems).toBe(MAX_EVENTS_PER_REQUEST);
    const variants = json.schema.items.anyOf as any[];
    const byType = Object.fromEntries(variants.map((v) => [v.properties.type.const ?? v.properties.type.enum?.[0], v]));
    expect(Object.keys(byType).sort()).toEqual([...EVENT_TYPES].sort());
    expect(byType.call.required).toEqual(
      expect.arrayContaining([
        'id',
        'source',
        'type',
        'occurredAt',
        'subject',
        'peer',
        'direction',
        'durationSec',
        'result',
      ]),
    );
    expect(byType.transaction.properties.kind.enum).toEqual(['transfer', 'withdrawal', 'deposit', 'loan', 'payment']);
    expect(byType.alert.properties.partnerKind.enum).toEqual([
      'bank',
      'gold_shop',
      'logistics',
      'telecom',
      'school',
      'community',
    ]);
    expect(byType.call.additionalProperties).toBe(false);
    expect(Object.keys(json.examples).sort()).toEqual([...EVENT_TYPES].sort());
    expect(op.requestBody.content['application/x-ndjson'].schema.type).toBe('string');
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '413']));
    expect(
      op.responses['200'].content['application/json'].schema.properties.results.items.properties.status,
    ).toBeDefined();
  });

  it('every documented example is accepted by the server as it stands', async () => {
    const admin = await s.login();
    const tok = await admin.post('/api/v1/tokens', { name: 'openapi-check', scopes: ['events:write'] });
    const partner = s.anonymous().withBearer(tok.body.token);
    const examples = Object.values(
      doc.paths['/api/v1/events'].post.requestBody.content['application/json'].examples as Record<
        string,
        { value: unknown[] }
      >,
    ).flatMap((e) => e.value);
    expect(examples).toHaveLength(EVENT_TYPES.length);
    for (const e of examples) expect(checkEvent(e)).toMatchObject({ ok: true });
    const res = await partner.post('/api/v1/events', examples);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: EVENT_TYPES.length, rejected: 0 });
    const ndjson = doc.paths['/api/v1/events'].post.requestBody.content['application/x-ndjson'].examples.mixed
      .value as string;
    const again = await partner.post('/api/v1/events', ndjson, { 'content-type': 'application/x-ndjson' });
    expect(again.body).toMatchObject({ duplicate: 2, rejected: 0 });
  });

  it('the file imports document their multipart body', () => {
    for (const path of ['/api/v1/events/import', '/api/v1/indicators/import']) {
      const body = doc.paths[path].post.requestBody.content['multipart/form-data'];
      expect(body.schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    }
  });

  it('the contract examples are the examples of docs/integration.md', async () => {
    const fs = await import('node:fs');
    const md = fs.readFileSync(new URL('../../../docs/integration.md', import.meta.url), 'utf8');
    const inDocs = [...md.matchAll(/```json\n([\s\S]*?)```/g)]
      .map((m) => JSON.parse(m[1]!))
      .filter((o) => o.type && o.source);
    expect(Object.fromEntries(inDocs.map((e) => [e.type, e]))).toEqual(EVENT_EXAMPLES);
  });
});
