// Done-means of the issue over the real modules: a case entered through the cases API with a phone number seen in
// an earlier case shows that case as related, with the reason, once the graph's subscriber has run (within a second).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type Client, type TestServer } from '../../../test/harness/server.ts';
import { seedOrg, USER_PASSWORD } from '../../../test/factories.ts';

let server: TestServer;
let officer: Client;
let analyst: Client;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

beforeAll(async () => {
  server = await startTestServer();
  await seedOrg(server.database.db);
  officer = await server.login('officerA', USER_PASSWORD);
  analyst = await server.login('analyst', USER_PASSWORD);
});
afterAll(async () => {
  await server?.close();
});

const body = (victimPhone: string, reported: number, suspect: string, toAccount: string) => ({
  reportedAt: minutesAgo(reported),
  victim: { name: '李四', phone: victimPhone },
  fraudTypes: ['impersonate_authority'],
  loss: 30000,
  summary: '冒充公检法',
  payments: [
    { paidAt: minutesAgo(reported + 30), amount: 30000, toAccount, toName: '王五', channel: 'mobile_banking' },
  ],
  identifiers: [{ kind: 'phone', value: suspect }],
});

describe('cases → graph', () => {
  it('a new case sharing the suspect phone with an earlier one lists it as related within a second', async () => {
    const first = await officer.post(
      '/api/v1/cases',
      body('139-0000-0001', 60, '+86 170 1234 5678', '6222 0212 3456 7890 128'),
    );
    expect(first.status).toBe(201);
    const second = await officer.post(
      '/api/v1/cases',
      body('139-0000-0002', 5, '170-1234-5678', '6228480000000000000'),
    );
    expect(second.status).toBe(201);
    const t0 = Date.now();
    let items: { caseId?: string; hops: number; shared: { kind: string; seenAs: string }[] }[] = [];
    while (Date.now() - t0 < 1000) {
      items = (await analyst.get(`/api/v1/cases/${second.body.id}/related`)).body.items ?? [];
      if (items.length) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(items[0]).toMatchObject({
      caseId: first.body.id,
      hops: 1,
      shared: [{ kind: 'phone', seenAs: 'suspect_phone' }],
    });
    // the flow starts at the case's payment
    const flow = await analyst.get(`/api/v1/cases/${second.body.id}/flow?depth=2`);
    expect(flow.body.nodes[0]).toMatchObject({ level: 1, inflow: 30000 });
  });
});
