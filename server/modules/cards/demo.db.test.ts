// The demo's 两卡 registry on a real database: what `npm start -- --demo` shows on the 两卡 page.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/harness/server.ts';
import { seedOrg, USER_PASSWORD } from '../../../test/factories.ts';
import { loadDemoCards } from './index.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedOrg(server.database.db);
});
afterAll(async () => server?.close());

it('seeds a mule account with a confirmed 停止非柜面业务 measure the bank executes, and a proposal waiting for a person', async () => {
  expect(await loadDemoCards(server.database.db)).toBe(true);
  expect(await loadDemoCards(server.database.db)).toBe(false);
  const bank = await server.login('bank', USER_PASSWORD);
  const [m] = (await bank.get('/api/v1/cards/measures')).body.items;
  expect(m).toMatchObject({ measure: 'stop_non_counter', status: 'in_force', entryValue: '6212262405001234567' });
  expect((await bank.post(`/api/v1/cards/measures/${m.id}/ack`)).body.status).toBe('executed');
  const leader = await server.login('leader', USER_PASSWORD);
  expect((await leader.get('/api/v1/cards/stats')).body).toMatchObject({ entries: 2, cardsControlled: 1, awaitingConfirmation: 1 });
});
