import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type TestServer } from '../harness/server.ts';
import { seedOrg, USER_PASSWORD } from '../factories.ts';
import { LOCKOUT } from '../../server/modules/users/rules.ts';
import { createApp } from '../../server/app.ts';

// Finding 10 (issue 10): the login lock-out counts live in the database, so two server processes on one database
// (here two app instances, each with its own routes and throttle, as two nodes would have) share them.
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedOrg(server.database.db);
});
afterAll(() => server.close());

describe('lock-out across server processes', () => {
  it('failures counted by one app instance lock the name on another instance on the same database', async () => {
    // a second app over the same database: before the counts moved to the database each instance kept its own
    const second = await createApp({
      db: server.database.db,
      config: { secureCookies: false, logLevel: 'silent' },
    });
    await second.listen({ port: 0, host: '127.0.0.1' });
    try {
      const url2 = `http://127.0.0.1:${(second.server.address() as { port: number }).port}`;
      const one = server.anonymous(),
        two = new Client(url2);
      const codes: number[] = [];
      for (let i = 0; i < LOCKOUT.maxFailures; i++)
        codes.push(
          (await (i % 2 ? two : one).post('/api/v1/auth/login', { username: 'officerA', password: `x${i}` })).status,
        );
      expect(codes).toEqual([...Array(LOCKOUT.maxFailures - 1).fill(401), 429]);
      // locked on both, even with the right password; an unknown name behaves exactly the same way
      expect((await two.post('/api/v1/auth/login', { username: 'officerA', password: USER_PASSWORD })).status).toBe(
        429,
      );
      expect((await one.post('/api/v1/auth/login', { username: 'officerA', password: USER_PASSWORD })).status).toBe(
        429,
      );
      const ghost: number[] = [];
      for (let i = 0; i < LOCKOUT.maxFailures; i++)
        ghost.push(
          (await (i % 2 ? two : one).post('/api/v1/auth/login', { username: 'nobody-here', password: `x${i}` })).status,
        );
      expect(ghost).toEqual(codes);
    } finally {
      await second.close();
    }
  });
});
