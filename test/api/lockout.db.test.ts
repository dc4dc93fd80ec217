import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness/server.ts';
import { seedOrg } from '../factories.ts';
import { LOCKOUT } from '../../server/modules/users/rules.ts';

// Its own server: the parallel attempts use up most of this address's login budget for the minute.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedOrg(server.database.db);
});
afterAll(() => server.close());

describe('lock-out under parallel attempts', () => {
  it('locks after exactly the configured number of failures, however many attempts run at once', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        server.anonymous().post('/api/v1/auth/login', { username: 'gridA', password: `wrong-guess-${i}` }),
      ),
    );
    const plain = attempts.filter((r) => r.status === 401).length;
    const locked = attempts.filter((r) => r.status === 429 && r.body.error === 'account_locked').length;
    expect(plain).toBe(LOCKOUT.maxFailures - 1);
    expect(locked).toBe(25 - plain);
  });
});
