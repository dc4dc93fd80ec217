// `npm run simulate -- --url … --user admin --password …` end to end against the real HTTP server with the demo
// organisation loaded and the detection runtime running: one command, and the city's warnings reach the station
// of each resident's grid. The CLI runs as a child process (asynchronously: the server lives in this process).
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestServer, type Client, type TestServer } from '../../../test/harness/server.ts';
import { loadDemoOrganisation } from '../../demo-organisation.ts';
import { createDetectionRuntime, type DetectionRuntime } from '../detection/index.ts';
import { countEvents } from '../ingest/index.ts';

const run = promisify(execFile);
let s: TestServer;
let detection: DetectionRuntime;
let admin: Client;
let analyst: Client;

beforeAll(async () => {
  s = await startTestServer();
  await loadDemoOrganisation(s.database.db, ADMIN_PASSWORD); // demo users share the admin's password, as with ZHIWANG_ADMIN_PASSWORD
  detection = createDetectionRuntime({ db: s.database.db, pollMs: 50 });
  await detection.start();
  admin = await s.login();
  analyst = await s.login('analyst');
});
afterAll(async () => {
  await detection?.stop();
  await s?.close();
});

const CITY = ['--seed', '9', '--people', '80', '--days', '2', '--targets', '150'];
async function simulate(args: string[], env: Record<string, string> = {}) {
  const r = await run(process.execPath, ['--import', 'tsx', 'scripts/simulate.ts', '--url', s.url, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ZHIWANG_TOKEN: '', ...env },
  });
  return {
    summary: JSON.parse(r.stdout) as {
      events: number;
      targeted: number;
      server: { accepted: number; duplicate: number; rejected: number };
      residents?: { imported: number; alreadyRegistered: number; by: string };
    },
    stderr: r.stderr,
  };
}
async function settled() {
  for (let i = 0; i < 400 && (await countEvents(s.database.db)).undecided > 0; i++)
    await new Promise((r) => setTimeout(r, 50));
}

describe('simulate --user against a running Zhiwang', () => {
  it('logs in, makes and revokes its token, registers the residents in the demo grids, streams, and warnings route to stations', async () => {
    const { summary, stderr } = await simulate([...CITY, '--user', 'admin'], { ZHIWANG_PASSWORD: ADMIN_PASSWORD });
    expect(summary.events).toBeGreaterThan(300);
    expect(summary.server).toMatchObject({ accepted: summary.events, duplicate: 0, rejected: 0 });
    expect((await countEvents(s.database.db)).total).toBe(summary.events);
    expect(summary.residents).toEqual({ imported: 80, alreadyRegistered: 0, by: 'analyst' });
    expect(stderr).toMatch(/grids of the demo city/);

    // the token existed for the run only
    const tokens = (await admin.get('/api/v1/tokens')).body.items as {
      name: string;
      scopes: string[];
      revokedAt: string | null;
    }[];
    const mine = tokens.filter((t) => t.name.startsWith('城市模拟器'));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.scopes).toEqual(['events:write']);
    expect(mine[0]!.revokedAt).not.toBeNull();

    // residents live in the demo city's grids
    const units = (await admin.get('/api/v1/units')).body.items as {
      id: string;
      kind: string;
      parentId: string | null;
    }[];
    const grids = new Map(units.filter((u) => u.kind === 'grid').map((u) => [u.id, u.parentId]));
    const res = (await analyst.get('/api/v1/residents?pageSize=500')).body as {
      total: number;
      items: { unitId: string }[];
    };
    expect(res.total).toBe(80);
    for (const r of res.items) expect(grids.has(r.unitId)).toBe(true);

    // the city's warnings reach the stations of those grids, not the centre's queue
    await settled();
    const w = (await analyst.get('/api/v1/warnings?pageSize=500')).body as {
      total: number;
      items: { unitId: string; routed: boolean }[];
    };
    expect(w.total).toBeGreaterThan(0);
    const stations = new Set(grids.values());
    for (const x of w.items) {
      expect(x.routed).toBe(true);
      expect(stations.has(x.unitId)).toBe(true);
    }
  }, 120_000);

  it('a second run of the same city finds its residents registered and its events stored', async () => {
    const { summary } = await simulate([...CITY, '--user', 'admin', '--password', ADMIN_PASSWORD]);
    expect(summary.residents).toEqual({ imported: 0, alreadyRegistered: 80, by: 'analyst' });
    expect(summary.server.duplicate).toBe(summary.events);
    const tokens = (await admin.get('/api/v1/tokens')).body.items as { name: string; revokedAt: string | null }[];
    expect(tokens.filter((t) => t.name.startsWith('城市模拟器') && !t.revokedAt)).toHaveLength(0);
  }, 120_000);

  it('keeps the --token route; a wrong password fails clearly and leaves no token behind', async () => {
    const tok = await admin.post('/api/v1/tokens', { name: '手工令牌', scopes: ['events:write'] });
    const { summary } = await simulate(['--seed', '10', '--people', '30', '--days', '1', '--token', tok.body.token]);
    expect(summary.server.accepted).toBe(summary.events);
    expect(summary.residents).toBeUndefined();

    const before = ((await admin.get('/api/v1/tokens')).body.items as unknown[]).length;
    const err = await simulate([...CITY, '--user', 'admin', '--password', 'wrong-password-1']).then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    );
    expect(err?.code).toBe(1);
    expect(err?.stderr).toMatch(/login as admin failed: 401/);
    expect(((await admin.get('/api/v1/tokens')).body.items as unknown[]).length).toBe(before);
  }, 120_000);

  it("Ctrl-C mid-stream stops cleanly and still revokes the run's token", async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/simulate.ts',
        '--url',
        s.url,
        '--user',
        'admin',
        '--no-residents',
        '--seed',
        '11',
        '--people',
        '50',
        '--days',
        '5',
        '--speed',
        '60',
      ],
      { env: { ...process.env, ZHIWANG_PASSWORD: ADMIN_PASSWORD } },
    );
    let out = '',
      err = '';
    child.stdout.on('data', (d) => (out += d));
    const started = new Promise<void>((resolve) =>
      child.stderr.on('data', (d) => {
        err += d;
        if (/token .* created/.test(err)) resolve();
      }),
    );
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await started;
    await new Promise((r) => setTimeout(r, 1500)); // streaming, a simulated minute per second: it would run for two hours
    const t0 = Date.now();
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(15_000); // not when the next event is due, which may be minutes away
    expect(JSON.parse(out)).toMatchObject({ aborted: true });
    expect(err).toMatch(/revoked/);
    const tokens = (await admin.get('/api/v1/tokens')).body.items as { name: string; revokedAt: string | null }[];
    expect(tokens.filter((t) => t.name.startsWith('城市模拟器') && !t.revokedAt)).toHaveLength(0);
  }, 120_000);
});
