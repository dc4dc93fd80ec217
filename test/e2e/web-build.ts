import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// The e2e test needs web/dist; build it when missing or older than any source it is made from.
const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCES = ['web/src', 'web/index.html', 'web/vite.config.ts', 'contract'];

function newestMtime(p: string): number {
  const stat = fs.statSync(p, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((name) => newestMtime(path.join(p, name))));
}

export function ensureWebBuilt(): string {
  const dist = path.join(ROOT, 'web/dist');
  const built = fs.statSync(path.join(dist, 'index.html'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
  if (built < sources) {
    execFileSync(
      process.execPath,
      ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
  }
  return dist;
}
