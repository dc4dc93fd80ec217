import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../harness/server.ts';
import { seedOrg, USER_PASSWORD } from '../factories.ts';

// Every route of the OpenAPI document gets malformed input from a user who may call it: broken JSON, wrong
// types, unknown fields, junk ids and query values, an oversized body. Whatever the route, the answer is a 4xx
// with a reason (or a 2xx where the input happens to be acceptable), never a 5xx.
let server: TestServer;
let callers: Client[];
let operations: { method: string; path: string; json: boolean }[];

beforeAll(async () => {
  server = await startTestServer();
  await seedOrg(server.database.db);
  callers = [await server.login(), await server.login('analyst', USER_PASSWORD), await server.login('officerA', USER_PASSWORD)];
  const doc = (await callers[0]!.get('/api/openapi.json')).body as { paths: Record<string, Record<string, { requestBody?: { content?: object } }>> };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, json: !!op.requestBody?.content })));
});
afterAll(() => server.close());

const JUNK_IDS = ['not-a-uuid', '00000000-0000-0000-0000-000000000000', '%27%20or%201%3D1--', 'x'.repeat(300)];
const JUNK_QUERY = '?page=-1&pageSize=abc&from=yesterday&to=2026-13-45&level=extreme&status=%00&unitId=zzz&limit=1e9';
const JUNK_BODIES: unknown[] = ['{"unterminated": ', '[]', 'null', '{}', '"text"', 42, { unknown: true, name: { nested: [1] } },
  { id: 1, name: 2, scopes: 'all', level: ['x'], amount: 'lots', occurredAt: 'soon' }];

function concrete(path: string, id: string) {
  return path.replace(/\{[^}]+\}/g, id);
}

describe('no route answers malformed input with a 5xx', () => {
  it('the document lists the API', () => {
    expect(operations.length).toBeGreaterThan(40);
  });

  it('junk path ids and query values', async () => {
    const failures: string[] = [];
    for (const op of operations) {
      if (op.path === '/api/v1/auth/logout') continue; // would end the session the other probes use
      for (const id of JUNK_IDS) {
        for (const c of callers) {
          const res = await c.request(op.method, concrete(op.path, id) + JUNK_QUERY, op.json ? {} : undefined);
          if (res.status >= 500) failures.push(`${op.method} ${op.path} id=${id.slice(0, 20)} → ${res.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('broken, mistyped and unknown-field bodies', async () => {
    const failures: string[] = [];
    for (const op of operations.filter((o) => o.method !== 'GET' && o.path !== '/api/v1/auth/logout')) {
      for (const body of JUNK_BODIES) {
        for (const c of callers) {
          const raw = typeof body === 'string' ? body : JSON.stringify(body);
          const res = await c.request(op.method, concrete(op.path, '00000000-0000-0000-0000-000000000000'), raw, { 'content-type': 'application/json' });
          if (res.status >= 500) failures.push(`${op.method} ${op.path} body=${raw.slice(0, 30)} → ${res.status}`);
          if (res.status === 400 && typeof res.body === 'object' && !res.body?.error) failures.push(`${op.method} ${op.path}: 400 without an error body`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('an oversized JSON body is 413 everywhere', async () => {
    const big = JSON.stringify({ note: 'x'.repeat(12 * 1024 * 1024) });
    const failures: string[] = [];
    for (const op of operations.filter((o) => o.json)) {
      const res = await callers[1]!.request(op.method, concrete(op.path, '00000000-0000-0000-0000-000000000000'), big, { 'content-type': 'application/json' });
      // the auth routes may answer 429 first: the probes above used up this address's login budget
      const expected = op.path.startsWith('/api/v1/auth/') ? [413, 429] : [413];
      if (!expected.includes(res.status)) failures.push(`${op.method} ${op.path} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('the callers were still signed in at the end (the probes really reached the routes)', async () => {
    for (const c of callers) expect((await c.get('/api/v1/auth/me')).status).toBe(200);
  });
});
