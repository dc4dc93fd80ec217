import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { createTestDatabase } from '../../../test/harness/db.ts';
import { deleteStream } from '../../../test/harness/nats.ts';
import type { Database, Db } from '../../platform/db/index.ts';
import { sql } from 'drizzle-orm';
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
  id,
  source: 'telecom.cmcc',
  type: 'call',
  occurredAt: '2026-06-19T09:00:00+08:00',
  subject: { phone },
  peer: '10086',
  direction: 'in',
  durationSec: 30,
  result: 'answered',
});

beforeAll(async () => {
  database = await createTestDatabase();
  ingest = await startNatsIngest({ url, db: database.db, stream, subjects: `${prefix}.>`, durable: 'test' });
});
afterAll(async () => {
  await ingest?.stop();
  await deleteStream(url, stream);
  await database?.close();
});

it('stores single events, arrays and NDJSON batches, acks them, and terminates messages with no valid event', async () => {
  const nc = await connect({ servers: url });
  const js = jetstream(nc);
  await js.publish(`${prefix}.telecom`, JSON.stringify(ev('n1')));
  await js.publish(
    `${prefix}.telecom`,
    [ev('n2'), ev('n3'), { ...ev('bad'), type: 'fax' }].map((e) => JSON.stringify(e)).join('\n'),
  );
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

it('a storage failure does not ack: the message is redelivered, and stored once after recovery', async () => {
  // its own stream, so the consumer above does not store the message behind this one's back
  const fStream = `${stream}_F`,
    fPrefix = `zwtest.${tag}.flaky`;
  let failing = true,
    attempts = 0;
  const flaky = new Proxy(database.db, {
    get(target, prop, receiver) {
      if (prop === 'transaction') {
        return (...args: unknown[]) => {
          attempts++;
          if (failing) return Promise.reject(new Error('database unavailable'));
          return (target.transaction as (...a: unknown[]) => unknown)(...args);
        };
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  }) as Db;
  const f = await startNatsIngest({ url, db: flaky, stream: fStream, subjects: `${fPrefix}.>`, durable: 'flaky' });
  const nc = await connect({ servers: url });
  const jsm = await jetstreamManager(nc);
  const stored = async () =>
    Number(
      (
        (await database.db.execute(sql`select count(*)::int as n from events where ext_id = 'flaky-1'`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]!.n,
    );
  const until = async (what: string, cond: () => Promise<boolean> | boolean) => {
    const end = Date.now() + 15_000;
    while (!(await cond())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  try {
    await jetstream(nc).publish(`${fPrefix}.telecom`, JSON.stringify(ev('flaky-1', '13800138199')));
    await until('a redelivery after the failed store', () => attempts >= 2);
    expect(f.stats()).toMatchObject({ acked: 0, terminated: 0 });
    expect(f.stats().naked).toBeGreaterThanOrEqual(2);
    expect(await stored()).toBe(0);
    expect(
      (await jsm.consumers.info(fStream, 'flaky')).num_ack_pending +
        (await jsm.consumers.info(fStream, 'flaky')).num_pending,
    ).toBe(1);

    failing = false; // the database is back
    await until('the message acked', async () => {
      const info = await jsm.consumers.info(fStream, 'flaky');
      return info.num_pending === 0 && info.num_ack_pending === 0;
    });
    expect(await stored()).toBe(1);
    expect(f.stats()).toMatchObject({ acked: 1, accepted: 1, terminated: 0 });
  } finally {
    await f.stop();
    await jsm.streams.delete(fStream).catch(() => undefined);
    await nc.close();
  }
});
