import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('simulate CLI', () => {
  it('writes NDJSON events and the ground truth, and prints a summary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'simcli-'));
    const out = join(dir, 'e.ndjson');
    const truth = join(dir, 't.json');
    const stdout = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/simulate.ts',
        '--seed',
        '5',
        '--people',
        '300',
        '--days',
        '2',
        '--targets',
        '50',
        '--out',
        out,
        '--truth',
        truth,
      ],
      { encoding: 'utf8' },
    );
    const summary = JSON.parse(stdout) as { events: number; targeted: number };
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines.length).toBe(summary.events);
    expect(JSON.parse(lines[0]!).source).toMatch(/^(telecom|bank|logistics|app|police)\./);
    const t = JSON.parse(readFileSync(truth, 'utf8')) as { victims: unknown[]; seed: number };
    expect(t.seed).toBe(5);
    expect(t.victims.length).toBe(summary.targeted);
  }, 60_000);

  it('refuses --url without a token', () => {
    expect(() =>
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/simulate.ts', '--url', 'http://127.0.0.1:9'], {
        encoding: 'utf8',
        stdio: 'pipe',
        env: { ...process.env, ZHIWANG_TOKEN: '' },
      }),
    ).toThrow(/token/);
  }, 60_000);
});
