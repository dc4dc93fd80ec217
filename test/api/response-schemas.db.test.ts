// One contract: every route states the shape of its success answer, so the server serialises only what the contract
// names and the web client's types come from contract/ (issue 9, part 4). The routes are collected as fastify
// registers them (onRoute), hidden ones included; only answers that are not JSON are exempt, each with its reason.
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_MODULES } from '../../server/app.ts';
import { ordersOfCase } from '../../server/modules/orders/index.ts';
import { actorFromApiToken, actorFromSession } from '../../server/modules/auth/index.ts';
import { buildApp, type App, type RouteModule } from '../../server/platform/http/app.ts';
import { createTestDatabase } from '../harness/db.ts';

/**
 * Routes whose success answer is a file or a stream, not JSON: no response schema to state. (GET /api/openapi.json
 * is the platform's, registered before the modules: its shape is OpenAPI 3.1, checked by openapi.db.test.ts.)
 */
const NOT_JSON: Record<string, string> = {
  'GET /api/v1/notifications/stream': 'server-sent events (text/event-stream)',
  'GET /api/v1/audit/export': 'XLSX download',
  'GET /api/v1/indicators/export': 'CSV or XLSX download',
  'GET /api/v1/stats/kpis/export': 'XLSX download',
  'GET /api/v1/stats/drill/export': 'XLSX download',
  'GET /api/v1/returns/export': 'XLSX download',
  'GET /api/v1/cases/:id/evidence/:evidenceId/file': 'the evidence file as stored (any type)',
  'GET /api/v1/prevention/talks/:id/photos/:photoId': 'a photo (image/*)',
};

const routes: RouteOptions[] = [];
const collect: RouteModule = (app) => {
  app.addHook('onRoute', (r) => {
    routes.push(r);
  });
};

let app: App;
let close: () => Promise<void>;
beforeAll(async () => {
  const database = await createTestDatabase();
  app = await buildApp(
    { db: database.db, config: { secureCookies: false, logLevel: 'silent' }, cases: { ordersOfCase } },
    [collect, ...ROUTE_MODULES],
    { fromApiToken: actorFromApiToken, fromSession: actorFromSession },
  );
  await app.ready();
  close = async () => {
    await app.close();
    await database.close();
  };
}, 120_000);
afterAll(async () => {
  await close?.();
});

const keyOf = (r: RouteOptions) => `${Array.isArray(r.method) ? r.method.join(',') : r.method} ${r.url}`;
const successSchemas = (r: RouteOptions) =>
  Object.entries((r.schema?.response ?? {}) as Record<string, unknown>).filter(([code]) => /^2/.test(code));

describe('response schemas', () => {
  it('sees every module’s routes (the collector runs before them)', () => {
    const keys = routes.map(keyOf);
    expect(keys).toContain('GET /api/v1/warnings/board');
    expect(keys).toContain('GET /api/v1/warnings/:id/workflow');
    expect(keys).toContain('POST /api/v1/residents/import');
    expect(routes.length).toBeGreaterThan(150);
  });

  it('every route that answers JSON states the schema of its 2xx answers', () => {
    const missing = routes
      .filter((r) => r.method !== 'HEAD' && !(keyOf(r) in NOT_JSON))
      .filter((r) => successSchemas(r).length === 0)
      .map(keyOf);
    expect(missing).toEqual([]);
  });

  it('a success schema says something (not an empty object nor a bare description)', () => {
    const empty = routes.flatMap((r) =>
      successSchemas(r)
        .filter(([, s]) => !s || typeof s !== 'object' || !Object.keys(s).some((k) => k !== 'description'))
        .map(([code]) => `${keyOf(r)} ${code}`),
    );
    expect(empty).toEqual([]);
  });

  it('the exemptions are real routes that still have no schema (a stale entry fails)', () => {
    const byKey = new Map(routes.map((r) => [keyOf(r), r]));
    for (const key of Object.keys(NOT_JSON)) {
      expect(byKey.has(key), key).toBe(true);
      expect(successSchemas(byKey.get(key)!), key).toEqual([]);
    }
  });
});
