import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, startFailure } from '../server/platform/config.ts';

// `npm start`: build the web UI if it is missing or older than its sources, then start the server in this process.
// A failure to start is one line on stderr and a non-zero exit (2: configuration, 1: anything else), no stack.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'web/dist/index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function buildWebIfStale() {
  const sources = [path.join(root, 'web/src'), path.join(root, 'contract')].filter((d) => fs.existsSync(d));
  const stale = !fs.existsSync(dist) || sources.some((d) => newestMtime(d) > fs.statSync(dist).mtimeMs);
  if (!stale || !fs.existsSync(path.join(root, 'web/index.html'))) return;
  console.log('  Building the web UI (first start or changed sources)…');
  try {
    execFileSync(
      process.execPath,
      [
        path.join(root, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'web/vite.config.ts',
        '--logLevel',
        'warn',
      ],
      {
        cwd: root,
        stdio: 'inherit',
      },
    );
  } catch {
    throw new Error('building the web UI failed (see the messages above)');
  }
}

/**
 * npm runs this through `sh -c`, and on SIGTERM npm signals only that shell, which dies without passing the
 * signal on. So under npm, losing our parent is treated as the SIGTERM it stands for: the same graceful shutdown.
 */
function stopWhenNpmShellGoes() {
  if (!process.env.npm_lifecycle_event) return;
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM');
  }, 500).unref();
}

try {
  loadConfig(); // a configuration mistake is reported before minutes of web build
  buildWebIfStale();
  const { main } = await import('../server/main.ts');
  await main(process.argv.slice(2));
  stopWhenNpmShellGoes();
} catch (err) {
  const { message, code } = startFailure(err);
  console.error(message);
  process.exit(code);
}
