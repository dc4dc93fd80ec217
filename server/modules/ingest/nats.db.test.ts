import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { createTestDatabase } from '../../../test/harness/db.ts';
import type { Database } from '../../platform/db/index.ts';
import { startNatsIngest, type NatsIngest } from './nats.ts';
import { countEvents } from './service.ts';

// Against the real nats-server on this machine (CI starts one too): NATS_URL or nats://127.0.0.1:4222.
const url = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const tag = randomBytes(4).toString('hex');
const stream = `ZW_TEST_${tag}`;
const prefix = `zwtest.${tag}.events`;
let database: Database;
let ingest: NatsIngest;

const ev = (id: string, phone = '13800138100') => ({
  id, source: 'telecom.cmcc', type: 'call', occurredAt: '2026-06-19T09:00:00+08:00', subject: { phone },
  peer: '10086', direction: 'in', durationSec: 30, result: 'answered',
});

beforeAll(async () => {
  database = await createTestDatabase();
  ingest = await startNatsIngest({ url, db: database.db, stream, subjects: `${prefix}.>`, durable: 'test' });
});
afterAll(async () => {
  await ingest?.stop();
  const nc = await connect({ servers: url });
  await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
  await nc.close();
  await database?.close();
});

it('stores single events, arrays and NDJSON batches, acks them, and terminates messages with no valid event', async () => {
  const nc = await connect({ servers: url });
  const js = jetstream(nc);
  await js.publish(`${prefix}.telecom`, JSON.stringify(ev('n1')));
  await js.publish(`${prefix}.telecom`, [ev('n2'), ev('n3'), { ...ev('bad'), type: 'fax' }].map((e) => JSON.stringify(e)).join('\n'));
  await js.publish(`${prefix}.telecom`, JSON.stringify([ev('n4'), ev('n1')]));
  await js.publish(`${prefix}.telecom`, 'this is not json');
  await js.publish(`${prefix}.telecom`, JSON.stringify({ ...ev('n5'), subject: {} }));
  const jsm = await jetstreamManager(nc);
  const end = Date.now() + 10_000;
  let info = await jsm.consumers.info(stream, 'test');
  while ((info.num_pending > 0 || info.num_ack_pending > 0) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 50));
    info = await jsm.consumers.info(stream, 'test');
  }
  expect(info.num_pending).toBe(0);
  expect(info.num_ack_pending).toBe(0); // everything acked or terminated: nothing will come back
  expect((await countEvents(database.db)).total).toBe(4); // n1..n4 (n1 twice = one)
  expect(ingest.stats()).toMatchObject({ messages: 5, acked: 3, terminated: 2, accepted: 4 });
  await nc.close();
});
