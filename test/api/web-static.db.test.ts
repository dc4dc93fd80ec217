import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { App } from '../../server/platform/http/app.ts';
import type { Database } from '../../server/platform/db/index.ts';
import { createTestDatabase } from '../harness/db.ts';

// The web client is served by the API process: client routes fall back to index.html, a rebuilt bundle is
// served without a restart, and a missing asset is a 404 (not index.html under a script's name).
let database: Database;
let app: App;
let url: string;
let webDir: string;

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zw-web-'));
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>织网</title>');
  database = await createTestDatabase();
  app = await createApp({ db: database.db, config: { secureCookies: false, logLevel: 'silent' }, webDir });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

describe('web client files', () => {
  it('serves client routes as index.html, revalidated', async () => {
    const res = await fetch(url + '/warnings/inbox');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('织网');
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('serves an asset written after the server started, as immutable', async () => {
    fs.writeFileSync(path.join(webDir, 'assets', 'index-NEW123.js'), 'console.log(1)');
    const res = await fetch(url + '/assets/index-NEW123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('answers a missing asset with 404, and never index.html for an API path', async () => {
    expect((await fetch(url + '/assets/gone.js')).status).toBe(404);
    const api = await fetch(url + '/api/v1/nothing-here'); // anonymous: asked to sign in before anything else
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toContain('json');
  });
});
