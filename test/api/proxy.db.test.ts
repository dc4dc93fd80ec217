import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../harness/server.ts';
import type { AppDeps } from '../../server/platform/http/app.ts';

// X-Forwarded-For is believed only from configured proxies (ZHIWANG_TRUST_PROXY): otherwise any client could pick
// the address the login rate limit counts and the audit log records.
function serverWith(config: Partial<AppDeps['config']>) {
  const ref: { server?: TestServer } = {};
  beforeAll(async () => void (ref.server = await startTestServer(config)));
  afterAll(() => ref.server?.close());
  return () => ref.server!;
}

/** Logs in as admin claiming `forwardedFor`; the address the audit log recorded for that login. */
async function recordedAddress(server: TestServer, forwardedFor: string) {
  const client = server.anonymous();
  const res = await client.post(
    '/api/v1/auth/login',
    { username: 'admin', password: ADMIN_PASSWORD },
    { 'x-forwarded-for': forwardedFor },
  );
  expect(res.status).toBe(200);
  const log = await client.get('/api/v1/audit?action=login');
  return log.body.items[0].ip as string;
}

describe('by default (no trusted proxy)', () => {
  const server = serverWith({});

  it('ignores X-Forwarded-For: the audit log records the connecting address', async () => {
    const ip = await recordedAddress(server(), '203.0.113.7');
    expect(ip).not.toBe('203.0.113.7');
    expect(ip).toMatch(/127\.0\.0\.1/);
  });

  it('a forged X-Forwarded-For per attempt does not escape the login rate limit', async () => {
    const statuses = new Set<number>();
    for (let i = 0; i < 35; i++) {
      const res = await server()
        .anonymous()
        .post('/api/v1/auth/login', { username: `ghost${i}`, password: 'x' }, { 'x-forwarded-for': `198.51.100.${i}` });
      statuses.add(res.status);
    }
    expect(statuses.has(429)).toBe(true);
  });
});

describe('behind proxies given by address', () => {
  const server = serverWith({ trustProxy: ['127.0.0.1', '::1'] });
  it('records the client address the proxy forwarded', async () => {
    expect(await recordedAddress(server(), '203.0.113.7')).toBe('203.0.113.7');
  });
});

describe('behind proxies given by hop count', () => {
  const server = serverWith({ trustProxy: 1 });
  it('takes the address that many hops back, not what the client claimed', async () => {
    // the client claims 192.0.2.1; the one proxy appended the address it saw
    expect(await recordedAddress(server(), '192.0.2.1, 203.0.113.9')).toBe('203.0.113.9');
  });
});
