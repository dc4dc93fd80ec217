// CLI of the city simulator. Examples:
//   npx tsx scripts/simulate.ts --seed 42 --people 20000 --days 30 --out events.ndjson --truth truth.json
//   npx tsx scripts/simulate.ts --people 2000 --days 3 --url http://127.0.0.1:3000 --user admin --password … --speed 120
//   npx tsx scripts/simulate.ts --seed 42 --people 2000 --days 7 --url http://localhost:3000 --token <partner token> --speed 60
//   npx tsx scripts/simulate.ts --people 2000 --days 3 --nats nats://127.0.0.1:4222 --speed 120
// Without --out or --url it only generates and reports counts and events/s.
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import { runSimulation, type EventSink, type Progress } from '../server/modules/simulation/runner.ts';
import { httpSink, ndjsonFileSink } from '../server/modules/simulation/sinks.ts';
import { createSimulation, type GroundTruth } from '../server/modules/simulation/generate.ts';
import { connect, type Connection } from '../server/modules/simulation/connect.ts';
import { natsSink } from '../server/modules/simulation/nats-sink.ts';

const HELP = `usage: simulate [--seed N] [--people N] [--days N] [--start ISO] [--targets PER_1000]
                [--no-background] [--out events.ndjson] [--truth truth.json]
                [--url http://host:port (--user NAME --password PW | --token TOKEN)] [--speed N] [--batch N]
                [--residents-user NAME --residents-password PW | --no-residents]
                [--nats nats://host:4222 [--nats-subject zhiwang.events] [--nats-stream ZHIWANG_EVENTS]]
  --user/--password (or ZHIWANG_USER/ZHIWANG_PASSWORD) log in, create a partner token for the run (revoked at
  the end) and register the city's residents in the server's grids (the demo city's when loaded).
  --nats publishes each event to <subject>.<source> on JetStream instead of HTTP (with --user, residents are
  still registered over HTTP at --url).`;

const { values: a } = parseArgs({
  options: {
    seed: { type: 'string', default: '42' },
    people: { type: 'string', default: '20000' },
    days: { type: 'string', default: '30' },
    start: { type: 'string' },
    targets: { type: 'string' },
    'no-background': { type: 'boolean', default: false },
    out: { type: 'string' },
    truth: { type: 'string' },
    url: { type: 'string', default: process.env.ZHIWANG_URL },
    token: { type: 'string', default: process.env.ZHIWANG_TOKEN || undefined },
    user: { type: 'string', default: process.env.ZHIWANG_USER || undefined },
    password: { type: 'string', default: process.env.ZHIWANG_PASSWORD || undefined },
    'residents-user': { type: 'string' },
    'residents-password': { type: 'string' },
    'no-residents': { type: 'boolean', default: false },
    nats: { type: 'string' },
    'nats-subject': { type: 'string', default: 'zhiwang.events' },
    'nats-stream': { type: 'string', default: 'ZHIWANG_EVENTS' },
    speed: { type: 'string', default: '0' },
    batch: { type: 'string', default: '500' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (a.help) {
  console.log(HELP);
  process.exit(0);
}
const num = (name: string, v: string | undefined) => {
  const n = Number(v);
  if (!Number.isFinite(n)) {
    console.error(`--${name} must be a number\n${HELP}`);
    process.exit(2);
  }
  return n;
};
if (a.nats && a.out) {
  console.error('--nats and --out are two outputs: choose one');
  process.exit(2);
}
if (a.url && !a.token && !a.user && !a.nats) {
  console.error(
    '--url needs --user and --password (an administrator: a token is made for the run), or --token (a partner token)',
  );
  process.exit(2);
}
if (a.user && !a.url) {
  console.error('--user needs --url (the server to log in to)');
  process.exit(2);
}
if (a.user && !a.password) {
  console.error('--user needs --password (or ZHIWANG_PASSWORD)');
  process.exit(2);
}

const options = {
  seed: Math.trunc(num('seed', a.seed)),
  people: Math.trunc(num('people', a.people)),
  days: num('days', a.days),
  start: a.start,
  targetsPer1000: a.targets === undefined ? undefined : num('targets', a.targets),
  background: !a['no-background'],
  grids: undefined as string[] | undefined,
};

// Ctrl-C stops cleanly, also while logging in or registering: the run's token is still revoked
const ac = new AbortController();
process.on('SIGINT', () => ac.abort());

// --user: log in, make the run's token, and register the residents before the first event, so that the
// warnings of the city route to the station of each resident's grid
let conn: Connection | null = null;
let residents: Awaited<ReturnType<Connection['register']>> = null;
if (a.url && a.user) {
  const note = (m: string) => process.stderr.write(`${m}\n`);
  try {
    conn = await connect({
      url: a.url,
      user: a.user,
      password: a.password!,
      token: a.token,
      events: !a.nats,
      residents: !a['no-residents'],
      residentsUser: a['residents-user'],
      residentsPassword: a['residents-password'],
      log: note,
    });
    if (conn.grids.length) {
      options.grids = conn.grids;
      residents = await conn.register(createSimulation(options).population);
      note(
        `residents: ${residents!.imported} imported, ${residents!.alreadyRegistered} already registered (as ${residents!.by})`,
      );
    }
  } catch (err) {
    await conn?.close();
    console.error(`error: ${(err as Error).message}`);
    process.exit(1);
  }
}
const token = conn?.token ?? a.token;

const server = { accepted: 0, duplicate: 0, rejected: 0, firstRejection: undefined as string | undefined };
const nats = { published: 0, duplicate: 0 };
const http = !!a.url && !a.nats;
let sink: EventSink;
if (a.nats) {
  try {
    sink = await natsSink({
      url: a.nats,
      subjectPrefix: a['nats-subject'],
      stream: a['nats-stream'],
      onResult: (r) => {
        nats.published += r.published;
        nats.duplicate += r.duplicate;
      },
    });
  } catch (err) {
    await conn?.close();
    console.error(`error: NATS ${a.nats}: ${(err as Error).message}`);
    process.exit(1);
  }
} else if (a.url) {
  sink = httpSink({
    url: a.url,
    token: token!,
    onResult: (r) => {
      server.accepted += r.accepted;
      server.duplicate += r.duplicate;
      server.rejected += r.rejected;
      server.firstRejection ??= r.firstRejection;
    },
  });
} else if (a.out) {
  sink = ndjsonFileSink(a.out);
} else {
  sink = { write: async () => {}, close: async () => {} };
}

let lastPrint = 0;
const progress = (p: Progress) => {
  if (p.elapsedMs - lastPrint < 1000) return;
  lastPrint = p.elapsedMs;
  const rate = Math.round((p.sent / Math.max(1, p.elapsedMs)) * 1000);
  const extra = a.nats
    ? ` published=${nats.published} dup=${nats.duplicate}`
    : http
      ? ` accepted=${server.accepted} dup=${server.duplicate} rejected=${server.rejected}`
      : '';
  process.stderr.write(`day ${p.day + 1}/${p.days} clock ${p.clock} sent ${p.sent} (${rate}/s)${extra}\n`);
};

const writeTruth = (t: GroundTruth) => {
  if (a.truth) writeFileSync(a.truth, JSON.stringify(t, null, 1));
};

let r;
try {
  r = await runSimulation(options, sink, {
    speed: num('speed', a.speed),
    batch: num('batch', a.batch),
    signal: ac.signal,
    onProgress: progress,
    onTruth: writeTruth,
  });
} catch (err) {
  console.error(`error: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await conn?.close();
}
if (!r) process.exit(1);
const v = r.truth.victims;
const summary = {
  events: r.sent,
  seconds: Math.round(r.elapsedMs) / 1000,
  eventsPerSecond: Math.round((r.sent / Math.max(1, r.elapsedMs)) * 1000),
  targeted: v.length,
  lost: v.filter((x) => x.lost).length,
  totalLoss: Math.round(v.reduce((s, x) => s + x.totalLoss, 0)),
  gangs: r.truth.gangs.length,
  aborted: r.aborted,
  ...(http ? { server } : {}),
  ...(a.nats ? { nats } : {}),
  ...(residents ? { residents } : {}),
};
console.log(JSON.stringify(summary, null, 1));
if (server.rejected > 0)
  console.error(`warning: the server rejected ${server.rejected} events, e.g. ${server.firstRejection}`);
