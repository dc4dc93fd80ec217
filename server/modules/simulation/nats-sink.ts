// NATS JetStream sink: each event is published to `<prefix>.<source>` (zhiwang.events.telecom.cmcc …), the
// subjects the server's consumer reads (server/modules/ingest/nats.ts), with the event id as the JetStream
// message id, so a re-sent city within the stream's duplicate window is dropped by JetStream itself (and after it
// by the server's idempotency on source + id). Simulated ids are unique across sources (sim-<fingerprint>-<day>-<n>).
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type PubAck } from '@nats-io/jetstream';
import type { EventSink } from './runner.ts';
import type { SimEvent } from './emit.ts';

export interface NatsSinkOptions {
  url: string;
  /** default `zhiwang.events`, as the server consumes `zhiwang.events.>` */
  subjectPrefix?: string;
  /** default `ZHIWANG_EVENTS`, the server's stream */
  stream?: string;
  /** called after each batch is stored by JetStream */
  onResult?: (r: { published: number; duplicate: number }) => void;
  /** ms to wait for each acknowledgement (default 10 s) */
  timeoutMs?: number;
}

/**
 * Connects, makes sure the stream exists (created as the server creates it, when the simulator starts first: the
 * events then wait in the stream until a server consumes them), and publishes each batch with JetStream
 * acknowledgements: `write` resolves once every event of the batch is in the stream.
 */
export async function natsSink(o: NatsSinkOptions): Promise<EventSink> {
  const prefix = o.subjectPrefix ?? 'zhiwang.events';
  const stream = o.stream ?? 'ZHIWANG_EVENTS';
  const nc: NatsConnection = await connect({ servers: o.url, name: 'zhiwang-simulator' });
  try {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.info(stream).catch(() => jsm.streams.add({ name: stream, subjects: [`${prefix}.>`] }));
  } catch (err) {
    await nc.close();
    throw err;
  }
  const js = jetstream(nc);
  const timeout = o.timeoutMs ?? 10_000;
  return {
    async write(batch: SimEvent[]) {
      // all of a batch in flight at once: one round trip per batch, not per event
      const acks: PubAck[] = await Promise.all(
        batch.map((e) =>
          js.publish(`${prefix}.${e.source}`, JSON.stringify(e), {
            msgID: e.id,
            expect: { streamName: stream },
            timeout,
            retries: 3,
          }),
        ),
      );
      let duplicate = 0;
      for (const a of acks) if (a.duplicate) duplicate++;
      o.onResult?.({ published: acks.length - duplicate, duplicate });
    },
    async close() {
      await nc.drain();
    },
  };
}
