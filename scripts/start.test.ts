import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zw-start-'));
const started: number[] = [];
afterAll(() => {
  for (const pid of started) if (alive(pid)) process.kill(pid, 'SIGKILL'); // a failed run must not leave a server behind
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** `npm start` as npm runs it: `sh -c '<script>'` with npm's environment. */
function npmStart(env: Record<string, string>) {
  const script = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.start as string;
  // only this test's settings: never a DATABASE_URL or NATS_URL the test run happens to have
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(ZHIWANG_|DATABASE_URL$|NATS_URL$|PORT$|HOST$)/.test(k)),
  );
  const child = spawn('sh', ['-c', script], {
    cwd: root,
    env: {
      ...inherited,
      npm_lifecycle_event: 'start',
      PORT: '0',
      ZHIWANG_DATA_DIR: dataDir,
      ZHIWANG_ENGINE: 'off',
      LOG_LEVEL: 'warn',
      ...env,
    },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start', () => {
  it('reports a configuration mistake on one line and exits 2, without a stack trace', async () => {
    const run = npmStart({ ZHIWANG_ENGINE_WORKERS: 'abc' });
    expect(await run.exited).toBe(2);
    expect(run.output().trim()).toBe(
      'invalid configuration: ZHIWANG_ENGINE_WORKERS: expected a whole number (got "abc")',
    );
  }, 30_000);

  it.skipIf(process.platform !== 'linux')(
    'shuts the server down when npm passes SIGTERM to its shell',
    async () => {
      const run = npmStart({ ZHIWANG_ADMIN_PASSWORD: 'Start-test-2026' });
      for (let i = 0; i < 1200 && !/is running/.test(run.output()); i++) await new Promise((r) => setTimeout(r, 100));
      expect(run.output()).toMatch(/is running/);
      // the server: the shell's child, or the last of a chain of launchers
      const childrenOf = (pid: number) =>
        fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ').filter(Boolean).map(Number);
      let server = run.child.pid!;
      for (let next = childrenOf(server); next.length; next = childrenOf(server)) server = next[0]!;
      started.push(server);
      expect(alive(server)).toBe(true);
      run.child.kill('SIGTERM'); // what npm does: only its direct child, the shell, gets the signal
      for (let i = 0; i < 100 && alive(server); i++) await new Promise((r) => setTimeout(r, 100));
      expect(alive(server)).toBe(false);
    },
    150_000,
  );
});
