import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { runSimulation } from './runner.ts';
import { httpSink, ndjsonFileSink, HttpSinkError } from './sinks.ts';
import { generateAll } from './generate.ts';

const opts = { seed: 13, people: 200, days: 2 };

describe('NDJSON file sink', () => {
  it('writes exactly the generated stream, one event per line', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sim-')), 'events.ndjson');
    const r = await runSimulation(opts, ndjsonFileSink(path), { batch: 97 });
    const lines = readFileSync(path, 'utf8').trim().split('\n');
    const expected = generateAll(opts).events;
    expect(r.sent).toBe(expected.length);
    expect(lines.length).toBe(expected.length);
    expect(lines[0]).toBe(JSON.stringify(expected[0]));
    expect(lines.at(-1)).toBe(JSON.stringify(expected.at(-1)));
  });
});

describe('pacing', () => {
  it('with speed 3600 a simulated day takes 24 wall seconds (fake clock)', async () => {
    let clock = 0;
    const batches: number[] = [];
    const r = await runSimulation(
      { ...opts, days: 1 },
      { write: async (b) => void batches.push(b.length), close: async () => {} },
      {
        speed: 3600,
        batch: 50,
        now: () => clock,
        sleep: async (ms) => void (clock += ms),
      },
    );
    expect(r.sent).toBeGreaterThan(100);
    expect(clock).toBeGreaterThan(20_000); // last event late in the day
    expect(clock).toBeLessThanOrEqual(24_000);
    expect(Math.max(...batches)).toBeLessThanOrEqual(50);
  });

  it('stops when aborted', async () => {
    const ac = new AbortController();
    let n = 0;
    const r = await runSimulation(
      opts,
      {
        write: async (b) => {
          n += b.length;
          if (n > 100) ac.abort();
        },
        close: async () => {},
      },
      { batch: 50, signal: ac.signal },
    );
    expect(r.aborted).toBe(true);
    expect(r.sent).toBeLessThan(generateAll(opts).events.length);
  });

  it('an abort ends a long wait for the next event at once (Ctrl-C at a slow speed)', async () => {
    const ac = new AbortController();
    let closed = false;
    // one simulated second per wall second: the city's first events are minutes of wall time away
    const run = runSimulation(
      { ...opts, days: 1 },
      { write: async () => {}, close: async () => void (closed = true) },
      { speed: 1, signal: ac.signal },
    );
    const t0 = performance.now();
    setTimeout(() => ac.abort(), 100);
    const r = await run;
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.aborted).toBe(true);
    expect(closed).toBe(true);
  });
});

describe('HTTP sink against a real local server', () => {
  let server: Server;
  let url = '';
  const received: unknown[][] = [];
  const auths: string[] = [];
  let calls = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        calls++;
        auths.push(String(req.headers.authorization));
        if (req.url !== '/api/v1/events' || req.method !== 'POST') return void res.writeHead(404).end();
        if (req.headers.authorization !== 'Bearer good') return void res.writeHead(401).end('{"error":"unauthorized"}');
        if (calls === 2) return void res.writeHead(429, { 'retry-after': '0' }).end(); // throttled once
        const batch = JSON.parse(body) as unknown[];
        received.push(batch);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ accepted: batch.length, duplicate: 0, rejected: 0, results: [] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('posts JSON-array batches with the bearer token and retries after 429', async () => {
    let accepted = 0;
    const sleeps: number[] = [];
    const sink = httpSink({
      url,
      token: 'good',
      onResult: (r) => (accepted += r.accepted),
      sleep: async (ms) => void sleeps.push(ms),
    });
    const r = await runSimulation(opts, sink, { batch: 400 });
    expect(received.reduce((s, b) => s + b.length, 0)).toBe(r.sent);
    expect(accepted).toBe(r.sent);
    expect(Math.max(...received.map((b) => b.length))).toBeLessThanOrEqual(400);
    expect(sleeps.length).toBe(1); // the one 429
    expect(auths.every((a) => a === 'Bearer good')).toBe(true);
  });

  it('fails loudly on 401', async () => {
    const sink = httpSink({ url, token: 'bad' });
    await expect(runSimulation(opts, sink)).rejects.toBeInstanceOf(HttpSinkError);
  });
});
