import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { createApp } from '../../server/app.ts';
import { openDatabase, type Database } from '../../server/platform/db/index.ts';
import { bootstrapAdmin } from '../../server/modules/users/bootstrap.ts';
import { createTestDatabase } from './db.ts';
import { ADMIN_PASSWORD, Client } from './server.ts';
import type { AppDeps } from '../../server/platform/http/app.ts';
import type { DissuasionRuntime } from '../../server/modules/dissuasion/runtime.ts';
import { SmppSimulator } from '../../server/modules/channels/smpp/simulator.ts';
import { VoiceGatewaySimulator } from '../../server/modules/channels/voice/simulator.ts';

/**
 * The real HTTP server with the dissuasion workflow configured (the shared harness starts it without channels).
 * `dataDir` opens PGlite on disk so a test can close everything and reopen the same data: a restart.
 */
export interface LoopServer {
  url: string;
  database: Database;
  rt: DissuasionRuntime;
  /** the fastify app (its `events` dispatcher: `drain()` waits for the subscribers the test turned on) */
  app: Awaited<ReturnType<typeof createApp>>;
  login(username?: string, password?: string): Promise<Client>;
  close(): Promise<void>;
}

export async function startLoopServer(
  opts: { dataDir?: string; dissuasion?: AppDeps['dissuasion']; fresh?: boolean; eventSubscribers?: string[] } = {},
): Promise<LoopServer> {
  const database = opts.dataDir ? await openDatabase({ dataDir: opts.dataDir }) : await createTestDatabase();
  if (opts.dataDir) await database.migrate();
  if (opts.fresh !== false) await bootstrapAdmin(database.db, ADMIN_PASSWORD);
  const app = await createApp({
    db: database.db,
    config: { secureCookies: false, logLevel: 'silent' },
    // the workflow alone by default: other modules' subscribers (a 已被骗 closure becoming a case) would take its
    // hand-offs at their own pace; those flows are tested in the modules that subscribe
    eventSubscribers: opts.eventSubscribers ?? [],
    ...(opts.dissuasion ? { dissuasion: opts.dissuasion } : {}),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const a = app.server.address();
  const url = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  return {
    url,
    database,
    rt: app.dissuasion,
    app,
    async login(username = 'admin', password = ADMIN_PASSWORD) {
      const c = new Client(url);
      const res = await c.post('/api/v1/auth/login', { username, password });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      return c;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export const tempDir = (name: string) => fs.mkdtempSync(path.join(os.tmpdir(), `zw-${name}-`));

/** Both protocol simulators on random ports: 0001 busy, 0002 no answer, 0004 SMS undeliverable. */
export async function startPeers(callbackDelayMs = 20, receiptDelayMs = 20) {
  const secret = 'loop-test-secret-0123456789';
  const smsc = new SmppSimulator({
    accounts: { zw: 'pw' },
    receiptDelayMs,
    receiptStat: (to) => (to.endsWith('0004') ? 'UNDELIV' : 'DELIVRD'),
  });
  const voice = new VoiceGatewaySimulator({
    secret,
    callbackDelayMs,
    suffixRules: [
      { suffix: '0001', rule: { status: 'busy' } },
      { suffix: '0002', rule: { status: 'no_answer' } },
    ],
  });
  const smppPort = await smsc.start();
  const voiceUrl = await voice.start();
  return {
    smsc,
    voice,
    channels: {
      voiceGatewayUrl: voiceUrl,
      voiceGatewaySecret: secret,
      smppHost: '127.0.0.1',
      smppPort,
      smppSystemId: 'zw',
      smppPassword: 'pw',
    },
    stop: async () => {
      await smsc.stop();
      await voice.stop();
    },
  };
}

export async function waitFor<T>(
  f: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  ms = 10_000,
  what = 'condition',
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timeout waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
