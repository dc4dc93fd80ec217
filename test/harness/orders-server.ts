import { createApp } from '../../server/app.ts';
import type { Database } from '../../server/platform/db/index.ts';
import type { AppDeps } from '../../server/platform/http/app.ts';
import type { DissuasionRuntime } from '../../server/modules/dissuasion/index.ts';
import { SYSTEM_ACTOR } from '../../server/platform/auth/actor.ts';
import { bootstrapAdmin } from '../../server/modules/users/bootstrap.ts';
import { loadDemoOrganisation, type DemoResult } from '../../server/demo-organisation.ts';
import { createTestDatabase } from './db.ts';
import { ADMIN_PASSWORD, Client } from './server.ts';
import type { CaseRecorded } from '../../server/modules/orders/events.ts';
import { ordersRuntime, type OrdersRuntime } from '../../server/modules/orders/runtime.ts';
import { handleCaseRecorded } from '../../server/modules/orders/service.ts';

export const DEMO_PASSWORD = 'Demo-pass-1234';

/** The real HTTP server with the demo city (its two banks and their liaisons) and the orders module configured. */
export interface OrdersServer {
  url: string;
  database: Database;
  rt: OrdersRuntime;
  /** the dissuasion workflow of the app (its officer notifications) */
  dissuasion: DissuasionRuntime;
  org: DemoResult;
  login(username?: string, password?: string): Promise<Client>;
  anonymousClient(): Client;
  /** delivers `case.recorded` as the cases module's event would (a subscriber's transaction) */
  caseRecorded(p: CaseRecorded): Promise<void>;
  close(): Promise<void>;
}

export async function startOrdersServer(orders: AppDeps['orders'] = {}, webDir?: string): Promise<OrdersServer> {
  const database = await createTestDatabase();
  await bootstrapAdmin(database.db, ADMIN_PASSWORD);
  const org = await loadDemoOrganisation(database.db, DEMO_PASSWORD);
  const app = await createApp({
    db: database.db,
    config: { secureCookies: false, logLevel: 'silent' },
    orders: { sweepMs: 0, ...orders },
    listen: database.listen,
    ...(webDir ? { webDir } : {}),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const a = app.server.address();
  const url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  const rt = ordersRuntime(database.db)!;
  return {
    url,
    database,
    rt,
    dissuasion: app.dissuasion,
    org,
    async login(username = 'admin', password = username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD) {
      const c = new Client(url);
      const res = await c.post('/api/v1/auth/login', { username, password });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      return c;
    },
    anonymousClient: () => new Client(url),
    async caseRecorded(p) {
      await database.db.transaction(async (tx) => {
        await handleCaseRecorded(rt, tx, p, SYSTEM_ACTOR);
      });
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}
