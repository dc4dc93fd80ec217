// NATS JetStream consumer (when NATS_URL is set): partners or an internal gateway publish events to
// `zhiwang.events.<source>`; one message = one JSON event, a JSON array, or an NDJSON batch. A durable pull
// consumer is shared by all API nodes (work queue semantics: each message goes to one node). A message is
// acknowledged only after its events are committed; a message none of whose events is valid is terminated with
// the reason (never redelivered forever); a storage failure naks it for redelivery.
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, jetstream, jetstreamManager, type JsMsg, type ConsumerMessages } from '@nats-io/jetstream';
import type { Db } from '../../platform/db/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { ingestEvents } from './service.ts';
import { parseNdjson } from './validate.ts';

export interface NatsIngestOptions {
  url: string;
  db: Db;
  stream?: string;
  subjects?: string;
  durable?: string;
  log?: { info(o: object, m?: string): void; warn(o: object, m?: string): void; error(o: object, m?: string): void };
}

export interface NatsIngest {
  stop(): Promise<void>;
  stats(): { messages: number; acked: number; terminated: number; naked: number; accepted: number };
}

const NATS_ACTOR: Actor = {
  kind: 'system',
  id: 'nats',
  name: 'NATS JetStream',
  role: null,
  unitId: null,
  unitPath: '/',
  permissions: new Set(['events:write']),
};

export async function startNatsIngest(opts: NatsIngestOptions): Promise<NatsIngest> {
  const stream = opts.stream ?? 'ZHIWANG_EVENTS';
  const subjects = opts.subjects ?? 'zhiwang.events.>';
  const durable = opts.durable ?? 'zhiwang-ingest';
  const log = opts.log ?? { info() {}, warn() {}, error() {} };
  const nc: NatsConnection = await connect({ servers: opts.url, name: 'zhiwang-ingest' });
  const jsm = await jetstreamManager(nc);
  await jsm.streams.info(stream).catch(() => jsm.streams.add({ name: stream, subjects: [subjects] }));
  await jsm.consumers.info(stream, durable).catch(() =>
    jsm.consumers.add(stream, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      ack_wait: 30_000_000_000,
      max_ack_pending: 20_000,
    }),
  );
  const consumer = await jetstream(nc).consumers.get(stream, durable);
  const st = { messages: 0, acked: 0, terminated: 0, naked: 0, accepted: 0 };

  const buf: JsMsg[] = [];
  let flushing: Promise<void> | null = null;
  const onMessage = (m: JsMsg) => {
    st.messages++;
    buf.push(m);
    flushing ??= flush();
  };
  async function flush(): Promise<void> {
    while (buf.length) {
      const batch = buf.splice(0, 500);
      await handle(batch);
    }
    flushing = null;
  }

  async function handle(batch: JsMsg[]): Promise<void> {
    const items: unknown[] = [];
    const pre = new Map<number, string>();
    const owner: number[] = [];
    batch.forEach((m, k) => {
      const text = m.string();
      const trimmed = text.trim();
      let parsed: unknown[] | null = null;
      if (trimmed.startsWith('[')) {
        try {
          const a = JSON.parse(trimmed);
          if (Array.isArray(a)) parsed = a;
        } catch {
          /* reported below */
        }
      }
      if (parsed) {
        for (const x of parsed) {
          items.push(x);
          owner.push(k);
        }
        return;
      }
      const { items: lines, lineErrors } = parseNdjson(text);
      if (!lines.length) {
        pre.set(items.length, 'empty message');
        items.push(undefined);
        owner.push(k);
        return;
      }
      lines.forEach((x, i) => {
        const err = lineErrors.get(i);
        if (err) pre.set(items.length, err);
        items.push(x);
        owner.push(k);
      });
    });
    let res;
    try {
      res = await ingestEvents(opts.db, NATS_ACTOR, items, pre, 'nats');
    } catch (err) {
      log.error({ err, messages: batch.length }, 'storing NATS events failed; messages will be redelivered');
      for (const m of batch) {
        m.nak(1000);
        st.naked++;
      }
      return;
    }
    st.accepted += res.accepted;
    const stored = new Array<boolean>(batch.length).fill(false);
    const reasons: string[][] = batch.map(() => []);
    res.results.forEach((r, i) => {
      const k = owner[i]!;
      if (r.status === 'rejected') reasons[k]!.push(`#${i}: ${r.reason}`);
      else stored[k] = true;
    });
    batch.forEach((m, k) => {
      if (reasons[k]!.length)
        log.warn({ subject: m.subject, seq: m.seq, rejected: reasons[k]!.slice(0, 5) }, 'NATS events rejected');
      if (stored[k]) {
        m.ack();
        st.acked++;
      } else {
        m.term();
        st.terminated++;
      } // the reason was logged above
    });
  }

  const messages: ConsumerMessages = await consumer.consume({ max_messages: 2000, callback: onMessage });
  log.info({ stream, subjects, durable }, 'NATS JetStream ingest consuming');
  return {
    async stop() {
      messages.stop();
      await flushing;
      await nc.drain();
    },
    stats: () => ({ ...st }),
  };
}
