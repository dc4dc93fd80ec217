// The burst benchmark's outside world, in a worker thread of its own (bench/burst.ts): the voice gateway simulator
// and the partners — the bank sending its alerts, 4 requests in flight, and the probe of ordinary call records.
// Both are external systems: in production they run on other machines, so here they must not take the server
// thread's CPU (on 2 cores the server keeps one to itself). Times are absolute (timeOrigin + now) so the server
// thread can compare them with the warnings' start times.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { VoiceGatewaySimulator } from '../server/modules/channels/voice/simulator.ts';

export type OutsideRequest = {
  t: 'burst';
  url: string;
  token: string;
  tag: string;
  n: number;
  batch: number;
  concurrency: number;
};
export type OutsideReply =
  | { t: 'voice'; url: string }
  | { t: 'stopped' }
  | {
      t: 'result';
      t0: number;
      tAcked: number;
      accepted: number;
      alertAcks: number[];
      probeAcks: number[];
    };

export const abs = () => performance.timeOrigin + performance.now();

if (!isMainThread) {
  const port = parentPort!;
  // calls are queued at the gateway; their outcome comes long after the burst (the outcome path is bench/dissuasion.ts)
  const voice = new VoiceGatewaySimulator({
    secret: (workerData as { secret: string }).secret,
    callbackDelayMs: 600_000,
  });
  port.postMessage({ t: 'voice', url: await voice.start() } satisfies OutsideReply);
  let done = false;
  port.on('message', (m: OutsideRequest | { t: 'done' } | { t: 'stop' }) => {
    if (m.t === 'done') done = true;
    else if (m.t === 'stop') void voice.stop().then(() => port.postMessage({ t: 'stopped' }));
    else {
      done = false;
      void sendBurst(m, () => done).then((r) => port.postMessage(r));
    }
  });
}

/** The alerts in requests of `batch`, `concurrency` in flight, and the probe every 50 ms until `isDone()`. */
export async function sendBurst(
  m: OutsideRequest,
  isDone: () => boolean,
): Promise<Extract<OutsideReply, { t: 'result' }>> {
  const post = async (body: string) => {
    const t = performance.now();
    const r = await fetch(`${m.url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${m.token}` },
      body,
    });
    if (r.status !== 200) throw new Error(`ingest ${r.status}: ${await r.text()}`);
    const j = (await r.json()) as { accepted: number };
    return { ms: performance.now() - t, accepted: j.accepted };
  };
  const now = Date.now();
  const alerts = Array.from({ length: m.n }, (_, i) => ({
    id: `${m.tag}-alert-${i}`,
    source: 'bank.ccb',
    type: 'alert',
    occurredAt: new Date(now - 1000 + (i % 500)).toISOString(),
    subject: { phone: String(15_700_000_000 + i), name: `客户${i}` },
    partnerKind: 'bank',
    unit: '建设银行金城江支行',
    note: '客户坚持向安全账户转账',
    amount: 600_000,
  }));
  const bodies: string[] = [];
  for (let i = 0; i < alerts.length; i += m.batch) bodies.push(JSON.stringify(alerts.slice(i, i + m.batch)));
  const alertAcks: number[] = [],
    probeAcks: number[] = [];
  let probeN = 0;
  const t0 = abs();
  // the probe: ordinary events (a call record of someone unrelated) every 50 ms while the burst lasts
  const probe = (async () => {
    while (!isDone()) {
      const body = JSON.stringify(
        Array.from({ length: 50 }, (_, k) => ({
          id: `${m.tag}-probe-${probeN}-${k}`,
          source: 'telecom.cmcc',
          type: 'call',
          occurredAt: new Date().toISOString(),
          subject: { phone: String(13_900_000_000 + probeN * 50 + k) },
          peer: '13800000000',
          direction: 'in',
          durationSec: 30,
          result: 'answered',
        })),
      );
      probeN++;
      const wait = new Promise((r) => setTimeout(r, 50));
      probeAcks.push((await post(body)).ms);
      await wait;
    }
  })();
  let next = 0,
    accepted = 0;
  await Promise.all(
    Array.from({ length: m.concurrency }, async () => {
      while (next < bodies.length) {
        const r = await post(bodies[next++]!);
        alertAcks.push(r.ms);
        accepted += r.accepted;
      }
    }),
  );
  const tAcked = abs();
  await probe;
  return { t: 'result', t0, tAcked, accepted, alertAcks, probeAcks };
}
