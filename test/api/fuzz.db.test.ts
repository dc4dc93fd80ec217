import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../harness/server.ts';
import { seedOrg, USER_PASSWORD, type TestOrg } from '../factories.ts';
import { configurePublic } from '../../server/modules/public/index.ts';

// Every route of the OpenAPI document gets malformed input from a user who may call it: broken JSON, wrong
// types, unknown fields, junk ids and query values, an oversized body. Whatever the route, the answer is a 4xx
// with a reason (or a 2xx where the input happens to be acceptable), never a 5xx.
let server: TestServer;
let org: TestOrg;
let callers: Client[];
interface Schema {
  type?: string;
  format?: string;
  maximum?: number;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
}
interface Operation {
  method: string;
  path: string;
  json: boolean;
  /** the JSON request body's schema, if any */
  body?: Schema;
  query: { name: string; schema: Schema; required: boolean }[];
}
let operations: Operation[];

beforeAll(async () => {
  // the probes test validation on every route; the public routes' per-address limits have their own tests
  // (server/modules/public/public.db.test.ts) and would answer 429 to this one address long before the end
  configurePublic({ reportsPerMinute: 100_000, checksPerMinute: 100_000, dailyReportsPerIp: 100_000 });
  server = await startTestServer();
  org = await seedOrg(server.database.db);
  callers = [
    await server.login(),
    await server.login('analyst', USER_PASSWORD),
    await server.login('officerA', USER_PASSWORD),
  ];
  type Op = {
    requestBody?: { content?: Record<string, { schema?: Schema }> };
    parameters?: { in: string; name: string; required?: boolean; schema: Schema }[];
  };
  const doc = (await callers[0]!.get('/api/openapi.json')).body as { paths: Record<string, Record<string, Op>> };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      json: !!op.requestBody?.content,
      body: op.requestBody?.content?.['application/json']?.schema,
      query: (op.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => ({ name: p.name, schema: p.schema, required: !!p.required })),
    })),
  );
});
afterAll(() => server.close());

const JUNK_IDS = ['not-a-uuid', '00000000-0000-0000-0000-000000000000', '%27%20or%201%3D1--', 'x'.repeat(300)];
const JUNK_QUERY = '?page=-1&pageSize=abc&from=yesterday&to=2026-13-45&level=extreme&status=%00&unitId=zzz&limit=1e9';
const JUNK_BODIES: unknown[] = [
  '{"unterminated": ',
  '[]',
  'null',
  '{}',
  '"text"',
  42,
  { unknown: true, name: { nested: [1] } },
  { id: 1, name: 2, scopes: 'all', level: ['x'], amount: 'lots', occurredAt: 'soon' },
];

function concrete(path: string, id: string) {
  return path.replace(/\{[^}]+\}/g, id);
}

describe('no route answers malformed input with a 5xx', () => {
  it('the document lists the API', () => {
    expect(operations.length).toBeGreaterThan(40);
  });

  // first: these include logins, and the probes below use up this address's login budget (429)
  // PostgreSQL refuses a NUL character in text and an unpaired surrogate in jsonb: such input must be a 400
  // naming the field before it reaches any query, on every route (POST /api/v1/events answers per event instead).
  const UNSTORABLE = [
    ['NUL', 'a\u0000b'],
    ['lone surrogate', 'a\ud800b'],
  ] as const;
  const isString = (s: Schema): boolean => s.type === 'string' || (s.anyOf ?? []).some(isString);

  it('NUL in any query value or path id is a 400 naming the parameter', async () => {
    const failures: string[] = [];
    for (const op of operations.filter((o) => o.path !== '/api/v1/auth/logout')) {
      const probes: [string, string][] = op.query
        .filter((p) => isString(p.schema))
        .map((p) => [p.name, `?${p.name}=a%00b`]);
      if (op.path.includes('{id}')) probes.push(['id', '']);
      for (const [field, query] of probes) {
        const path = concrete(op.path, field === 'id' ? 'a%00b' : '00000000-0000-0000-0000-000000000000') + query;
        const res = await callers[1]!.request(op.method, path, op.json ? {} : undefined);
        if (res.status !== 400 || res.body?.field !== field)
          failures.push(`${op.method} ${path} → ${res.status} ${res.body?.field ?? ''}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('NUL or a lone surrogate in any string field of a JSON body is a 400 naming the field', async () => {
    const failures: string[] = [];
    for (const op of operations.filter(
      (o) => o.body && o.path !== '/api/v1/events' && o.path !== '/api/v1/auth/logout',
    )) {
      const item = op.body!.type === 'array' ? op.body!.items! : op.body!;
      const fields = Object.entries(item.properties ?? {})
        .filter(([, s]) => isString(s))
        .map(([k]) => k);
      for (const field of fields.slice(0, 3)) {
        for (const [what, text] of UNSTORABLE) {
          const body = op.body!.type === 'array' ? [{ [field]: text }] : { [field]: text };
          const res = await callers[1]!.request(
            op.method,
            concrete(op.path, '00000000-0000-0000-0000-000000000000'),
            body,
          );
          const expected = op.body!.type === 'array' ? `0.${field}` : field;
          if (res.status !== 400 || res.body?.field !== expected)
            failures.push(`${op.method} ${op.path} ${what} in ${field} → ${res.status} ${res.body?.field ?? ''}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('NUL or a lone surrogate in otherwise valid input is refused and nothing is written', async () => {
    const [admin, analyst, officer] = callers as [Client, Client, Client];
    const cases: [Client, string, string, unknown, string][] = [
      [
        server.anonymous(),
        'POST',
        '/api/v1/auth/login',
        { username: 'admin\u0000', password: 'whatever-1234' },
        'username',
      ],
      [admin, 'POST', '/api/v1/units', { parentId: org.stationA.id, kind: 'grid', name: '北\u0000区' }, 'name'],
      [admin, 'PATCH', `/api/v1/units/${org.gridA.id}`, { name: '\ud800城北' }, 'name'],
      [
        admin,
        'POST',
        '/api/v1/users',
        { username: 'nulluser', displayName: 'x\u0000', role: 'station_officer', unitId: org.stationA.id },
        'displayName',
      ],
      [admin, 'POST', '/api/v1/tokens', { name: 'feed\ud800', scopes: ['events:write'] }, 'name'],
      [officer, 'POST', '/api/v1/residents', { name: '罗\u0000', unitId: org.gridA.id }, 'name'],
      [
        officer,
        'POST',
        '/api/v1/residents',
        { name: '罗某', address: '新建路\ud8008号', unitId: org.gridA.id },
        'address',
      ],
      [
        analyst,
        'POST',
        '/api/v1/indicators',
        [{ kind: 'phone', value: '13800138000', reason: '冒充\u0000客服' }],
        '0.reason',
      ],
      [officer, 'GET', '/api/v1/residents?q=%00', undefined, 'q'],
      [officer, 'GET', `/api/v1/warnings?unitId=%00`, undefined, 'unitId'],
      [admin, 'GET', '/api/v1/audit/export?q=%00', undefined, 'q'],
    ];
    const failures: string[] = [];
    for (const [client, method, path, body, field] of cases) {
      const res = await client.request(method, path, body);
      if (
        res.status !== 400 ||
        res.body?.error !== 'validation_failed' ||
        res.body?.field !== field ||
        !/NUL/.test(res.body?.reason)
      ) {
        failures.push(`${method} ${path} → ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
    expect((await admin.get('/api/v1/users?q=nulluser')).body.total).toBe(0);
    expect((await admin.get(`/api/v1/units/${org.gridA.id}`)).body.name).toBe('城北社区');
  });

  // POST /api/v1/events answers per event (route opt-out `checksOwnText`): an event with unstorable text must be
  // rejected on its own by the ingest validator (checkEvent), the rest of the batch accepted.
  it('POST /api/v1/events rejects an event with NUL on its own and keeps the others', async () => {
    const token = await callers[0]!.post('/api/v1/tokens', { name: 'nul-probe', scopes: ['events:write'] });
    const partner = server.anonymous().withBearer(token.body.token);
    const call = (id: string, peer: string) => ({
      id,
      source: 'telecom.cmcc',
      type: 'call',
      occurredAt: '2026-06-19T09:30:00+08:00',
      subject: { phone: '13800138001' },
      peer,
      direction: 'in',
      durationSec: 30,
      result: 'answered',
    });
    const res = await partner.post('/api/v1/events', [
      call('nul-1', '10086'),
      call('nul-2', '100\u000086'),
      call('nul-3\ud800', '10086'),
    ]);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'rejected', 'rejected']);
  });

  it('a NUL in the X-Purpose header is a 400 on field purpose', async () => {
    const res = await callers[2]!.get('/api/v1/residents', { 'x-purpose': '%00' });
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('X-Purpose');
  });

  it('a page number past any real page is a 400 on field page, on every paged route', async () => {
    const paged = operations.filter((o) => o.query.some((p) => p.name === 'page'));
    expect(paged.map((o) => o.path)).toEqual(
      expect.arrayContaining([
        '/api/v1/audit',
        '/api/v1/residents',
        '/api/v1/warnings',
        '/api/v1/indicators',
        '/api/v1/warnings/board',
      ]),
    );
    const failures: string[] = [];
    for (const op of paged) {
      // a route's other required parameters get a plausible value, so that the page is what is wrong
      const rest = op.query
        .filter((q) => q.required && q.name !== 'page' && q.name !== 'pageSize')
        .map((q) => `&${q.name}=${encodeURIComponent(plausible(q.schema))}`)
        .join('');
      const res = await callers[0]!.request(op.method, `${op.path}?page=99999999999999999&pageSize=500${rest}`);
      const res2 = await callers[1]!.request(op.method, `${op.path}?page=99999999999999999&pageSize=500${rest}`);
      for (const r of [res, res2])
        // the page is at fault, whatever else a route requires (its first problem may be a missing `from`)
        if (
          r.status !== 400 ||
          !(r.body?.problems ?? [{ field: r.body?.field }]).some((p: { field?: string }) => p.field === 'page')
        )
          failures.push(`${op.path} → ${r.status} ${r.body?.field ?? ''}`);
    }
    expect(failures).toEqual([]);
  });

  it('a date-time that Date cannot read (a leap second) is a 400 naming the parameter, on every route', async () => {
    const failures: string[] = [];
    let probed = 0;
    for (const op of operations) {
      for (const p of op.query.filter((q) => q.schema.format === 'date-time')) {
        probed++;
        const other = op.query
          .filter((q) => q.schema.format === 'date-time' && q.name !== p.name)
          .map((q) => `&${q.name}=2026-06-01T00:00:00Z`)
          .join('');
        const res = await callers[0]!.request(op.method, `${op.path}?${p.name}=2026-06-30T23:59:60Z${other}`);
        if (res.status !== 400 || res.body?.field !== p.name)
          failures.push(`${op.path} ${p.name} → ${res.status} ${res.body?.field ?? ''}`);
      }
    }
    expect(probed).toBeGreaterThanOrEqual(4);
    expect(failures).toEqual([]);
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
          const res = await c.request(op.method, concrete(op.path, '00000000-0000-0000-0000-000000000000'), raw, {
            'content-type': 'application/json',
          });
          if (res.status >= 500) failures.push(`${op.method} ${op.path} body=${raw.slice(0, 30)} → ${res.status}`);
          if (res.status === 400 && typeof res.body === 'object' && !res.body?.error)
            failures.push(`${op.method} ${op.path}: 400 without an error body`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('an oversized JSON body is 413 everywhere', async () => {
    const big = JSON.stringify({ note: 'x'.repeat(12 * 1024 * 1024) });
    const failures: string[] = [];
    for (const op of operations.filter((o) => o.json)) {
      const res = await callers[1]!.request(op.method, concrete(op.path, '00000000-0000-0000-0000-000000000000'), big, {
        'content-type': 'application/json',
      });
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

/** A value a query parameter's schema accepts: its first enum value, a day, a date-time, a number, a word. */
function plausible(schema: Schema & { enum?: unknown[] }): string {
  if (schema.enum?.length) return String(schema.enum[0]);
  if (schema.format === 'date-time') return '2026-06-01T00:00:00Z';
  if (schema.format === 'date') return '2026-06-01';
  if (schema.type === 'integer' || schema.type === 'number') return '1';
  if (schema.type === 'boolean') return 'false';
  return 'x';
}
