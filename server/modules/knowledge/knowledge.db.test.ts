// The warning page's knowledge panel through the real HTTP server: talking points for the warning's types and
// the chosen audience; partners without the permission are refused.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness/server.ts';
import { seedOrg, USER_PASSWORD } from '../../../test/factories.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedOrg(server.database.db);
});
afterAll(async () => server?.close());

it('talking points by type and audience', async () => {
  const officer = await server.login('officerA', USER_PASSWORD);
  const r = await officer.get(
    '/api/v1/knowledge/talking-points?types=impersonate_authority,unknown_type&audience=elderly',
  );
  expect(r.status).toBe(200);
  expect(r.body.items.map((i: { fraudType: string }) => i.fraudType)).toEqual(['impersonate_authority']);
  expect(r.body.items[0].audiencePoints.length).toBeGreaterThan(0);
  expect((await officer.get('/api/v1/knowledge/talking-points?types=x&audience=aliens')).status).toBe(400);
  expect(
    (await server.login('bank', USER_PASSWORD).then((c) => c.get('/api/v1/knowledge/talking-points?types=fake_loan')))
      .status,
  ).toBe(200);
  expect((await server.anonymous().get('/api/v1/knowledge/talking-points?types=fake_loan')).status).toBe(401);
});
