import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// `npm start`: build the web UI if it is missing or older than its sources, then start the server.
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

const sources = [path.join(root, 'web/src'), path.join(root, 'contract')].filter((d) => fs.existsSync(d));
const stale = !fs.existsSync(dist) || sources.some((d) => newestMtime(d) > fs.statSync(dist).mtimeMs);
if (stale && fs.existsSync(path.join(root, 'web/index.html'))) {
  console.log('  Building the web UI (first start or changed sources)…');
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root, stdio: 'inherit',
  });
}

const { main } = await import('../server/main.ts');
await main(process.argv.slice(2));
