// `npm run simulate -- --nats …` against the real nats-server on this machine (JetStream on; NATS_URL or
// nats://127.0.0.1:4222), read by the server's own consumer (ingest/nats.ts) on a stream of this test's own.
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { createTestDatabase } from '../../../test/harness/db.ts';
import { deleteStream } from '../../../test/harness/nats.ts';
import type { Database } from '../../platform/db/index.ts';
import { startNatsIngest, type NatsIngest } from '../ingest/index.ts';
import { countEvents } from '../ingest/index.ts';

const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const tag = randomBytes(4).toString('hex');
const stream = `ZW_SIM_${tag}`;
const prefix = `zwsim.${tag}.events`;
const run = promisify(execFile);
let database: Database;
let ingest: NatsIngest | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await ingest?.stop();
  await deleteStream(url, stream);
  await database?.close();
});

async function simulate() {
  const r = await run(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/simulate.ts',
      '--seed',
      '4',
      '--people',
      '60',
      '--days',
      '1',
      '--targets',
      '100',
      '--nats',
      url,
      '--nats-stream',
      stream,
      '--nats-subject',
      prefix,
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(r.stdout) as { events: number; nats: { published: number; duplicate: number } };
}

it('publishes each event to <prefix>.<source> with its id as message id; the server consumer stores them all', async () => {
  // the simulator first: it creates the stream as the server would, and the events wait there
  const first = await simulate();
  expect(first.events).toBeGreaterThan(150);
  expect(first.nats).toEqual({ published: first.events, duplicate: 0 });
  const nc = await connect({ servers: url });
  const jsm = await jetstreamManager(nc);
  const info = await jsm.streams.info(stream);
  expect(info.config.subjects).toEqual([`${prefix}.>`]);
  expect(info.state.messages).toBe(first.events);
  const sources = (await jsm.streams.info(stream, { subjects_filter: '>' })).state.subjects ?? {};
  expect(Object.keys(sources).some((s) => s.startsWith(`${prefix}.telecom.`))).toBe(true);
  expect(Object.keys(sources).some((s) => s.startsWith(`${prefix}.bank.`))).toBe(true);

  // the same city again: JetStream drops every message by its id
  const again = await simulate();
  expect(again.nats).toEqual({ published: 0, duplicate: first.events });
  expect((await jsm.streams.info(stream)).state.messages).toBe(first.events);

  // the server's consumer on that stream stores them: one stored event per published message
  ingest = await startNatsIngest({ url, db: database.db, stream, subjects: `${prefix}.>`, durable: 'sim-test' });
  const end = Date.now() + 20_000;
  let c = await jsm.consumers.info(stream, 'sim-test');
  while ((c.num_pending > 0 || c.num_ack_pending > 0) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    c = await jsm.consumers.info(stream, 'sim-test');
  }
  expect(c.num_pending + c.num_ack_pending).toBe(0);
  expect((await countEvents(database.db)).total).toBe(first.events);
  expect(ingest.stats()).toMatchObject({
    messages: first.events,
    acked: first.events,
    terminated: 0,
    accepted: first.events,
  });
  await nc.close();
}, 120_000);
