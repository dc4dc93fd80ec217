import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyBaseLogger, type RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import type { Actor } from '../auth/actor.ts';
import { loggerOptions } from '../logger.ts';
import { unauthenticated, forbidden, invalid } from '../errors.ts';
import { errorHandler } from './errors.ts';
import { documentRoute, openapiDocument } from './openapi.ts';
import { validatorCompiler } from './validation.ts';
import { findUnstorableText, UNSTORABLE_REASON } from '../text/unstorable.ts';
import { startEventDispatcher, type EventDispatcher, type ListenFn } from '../events/dispatcher.ts';
import type { Clock } from '../clock.ts';

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** What route modules receive: the database and whatever services the composition root wires in. */
export interface AppDeps {
  db: Db;
  /** trustProxy: whose X-Forwarded-For to believe (ZHIWANG_TRUST_PROXY); nobody's when absent */
  config: Pick<Config, 'secureCookies' | 'logLevel'> & Partial<Pick<Config, 'trustProxy' | 'webhookAllowPrivate'>>;
  /** Built web UI to serve at '/', if any. */
  webDir?: string;
  /** LISTEN on the database (Database.listen): domain events wake this node at once; without it they are polled. */
  listen?: ListenFn;
  /** Only these durable event subscribers run on this node (default: all; a module's own tests may run none). */
  eventSubscribers?: string[];
  /** The time routes hand their services (platform/clock.ts): the system's unless a test or a run sets one. */
  clock?: Clock;
}

export type RouteModule = (app: App, deps: AppDeps) => Promise<void> | void;

/** Who is calling, from a partner token or a session cookie: auth's resolvers, wired in by the composition root
 * (server/app.ts), since platform/ imports no module. */
export interface Authenticator {
  fromApiToken(db: Db, token: string, ctx: { ip?: string; purpose?: string }): Promise<Actor | null>;
  fromSession(
    db: Db,
    token: string,
    ctx: { ip?: string; purpose?: string },
  ): Promise<{ actor: Actor; user: { mustChangePassword: boolean }; sessionId: string } | null>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The domain-event dispatcher of this node (platform/events): started when the app is ready. */
    events: EventDispatcher;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionToken: string | null;
    sessionId: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without logging in (health, login, OpenAPI). */
    public?: boolean;
    /** Reachable by a user who still has to change a temporary password. */
    allowPasswordChange?: boolean;
    /**
     * The route checks its body for text PostgreSQL cannot store itself, item by item (`hasUnstorableText`), so
     * that one bad item is rejected on its own instead of the whole request (ingest). Query and path still are.
     */
    checksOwnText?: boolean;
    /** JSON nesting this route accepts (default 64); ingest takes more and rejects such events one by one */
    maxJsonDepth?: number;
  }
}

export const SESSION_COOKIE = 'zw_session';

export async function buildApp(deps: AppDeps, modules: RouteModule[], authenticate: Authenticator): Promise<App> {
  const app = Fastify({
    logger: loggerOptions(deps.config.logLevel),
    bodyLimit: 1024 * 1024,
    // req.ip feeds the login rate limit and the audit log: X-Forwarded-For only from configured proxies
    trustProxy: trustProxyOption(deps.config.trustProxy),
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler(errorHandler);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('sessionId', null);

  // Domain events: this node's durable subscribers run from the moment the server is ready until it closes.
  const events: EventDispatcher = { drain: async () => {}, stop: async () => {} };
  app.decorate('events', events);
  app.addHook('onReady', async () => {
    const started = await startEventDispatcher({
      db: deps.db,
      listen: deps.listen,
      log: app.log,
      ...(deps.eventSubscribers ? { only: deps.eventSubscribers } : {}),
    });
    events.drain = started.drain;
    events.stop = started.stop;
  });
  app.addHook('onClose', async () => {
    await events.stop();
  });

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, { openapi: openapiDocument as never, transform: documentRoute as never });

  // JSON bodies: nesting is bounded before anything walks the parsed value (validation, the text check below),
  // counted without recursion on the raw text; the framework's parser (prototype poisoning refused) does the rest
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body as string;
    const max = req.routeOptions.config?.maxJsonDepth ?? MAX_JSON_DEPTH;
    if (jsonDepthExceeds(text, max)) return done(invalid('(body)', `JSON nested deeper than ${max} levels`), undefined);
    return defaultJson(req, text, done);
  });

  // Browser hardening for the web UI and the API alike: no framing, no sniffing, scripts and connections to this
  // origin only (antd writes inline styles, hence 'unsafe-inline' for styles only).
  app.addHook('onSend', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('content-security-policy', CSP);
  });

  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const purpose = purposeOf(req.headers['x-purpose']);
    if (purpose !== undefined && findUnstorableText(purpose) !== null)
      throw invalid('X-Purpose', `X-Purpose ${UNSTORABLE_REASON}`);
    const ctx = { ip: req.ip, purpose };
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      req.actor = await authenticate.fromApiToken(deps.db, auth.slice(7).trim(), ctx);
    } else {
      const token = req.cookies[SESSION_COOKIE];
      const found = token ? await authenticate.fromSession(deps.db, token, ctx) : null;
      // CSRF: the browser sends the session cookie with any page's form or fetch, so a state-changing request
      // riding on it must come from this origin (partner tokens are never sent by a browser on its own)
      if (found && !SAFE_METHODS.has(req.method) && crossOrigin(req))
        throw forbidden('cross-origin request refused (Origin does not match this server)');
      if (found) {
        req.actor = found.actor;
        req.sessionToken = token!;
        req.sessionId = found.sessionId;
        if (
          found.user.mustChangePassword &&
          !req.routeOptions.config.allowPasswordChange &&
          !req.routeOptions.config.public
        ) {
          throw forbidden('password change required');
        }
      }
    }
    if (!req.actor && !req.routeOptions.config.public) throw unauthenticated();
  });

  // NUL and unpaired surrogates anywhere in the input: one 400 here instead of a database error in whichever
  // query the value reaches first (platform/text/unstorable.ts).
  app.addHook('preValidation', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const parts: [string, unknown][] = [
      ['params', req.params],
      ['query', req.query],
    ];
    if (!req.routeOptions.config.checksOwnText) parts.push(['body', req.body]);
    for (const [part, value] of parts) {
      const field = findUnstorableText(value);
      if (field !== null) throw invalid(field || (part === 'body' ? '(body)' : part), UNSTORABLE_REASON);
    }
  });

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  for (const register of modules) await register(app, deps);

  if (deps.webDir && fs.existsSync(path.join(deps.webDir, 'index.html'))) {
    // files are looked up per request (wildcard), so a rebuilt web/dist is served without a restart; hashed
    // assets are immutable, index.html is revalidated so a new build's asset names are picked up at once
    await app.register(fastifyStatic, {
      root: deps.webDir,
      wildcard: true,
      setHeaders: (reply, file) =>
        reply.header(
          'cache-control',
          file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        ),
    });
  }
  app.setNotFoundHandler((req, reply) => {
    if (
      !req.url.startsWith('/api/') &&
      !req.url.startsWith('/assets/') &&
      req.method === 'GET' &&
      deps.webDir &&
      fs.existsSync(path.join(deps.webDir, 'index.html'))
    ) {
      return reply.sendFile('index.html'); // client-side routes of the single-page app
    }
    return reply.status(404).send({ error: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` });
  });
  return app;
}

/**
 * A hop count trusts the nearest n addresses whoever they are (fastify itself treats a bare number as "trust
 * nobody"): right only when the server is reachable through the proxies alone, hence the address list is preferred.
 */
function trustProxyOption(
  v: Config['trustProxy'] | undefined,
): boolean | string[] | ((addr: string, hop: number) => boolean) {
  if (typeof v === 'number') return (_addr, hop) => hop < v;
  return v ?? false;
}

/** The X-Purpose header, percent-encoded by clients so Chinese text survives; bounded in length. */
function purposeOf(raw: string | string[] | undefined): string | undefined {
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (!v) return undefined;
  let text: string;
  try {
    text = decodeURIComponent(v);
  } catch {
    text = v;
  }
  return text.trim().slice(0, 200) || undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * True when a browser says the request comes from another origin: its Origin (else its Referer) names another
 * host than the one addressed, or Sec-Fetch-Site says cross-site/same-site. A client that sends none of them (curl,
 * a script) is not a browser acting on someone's behalf.
 */
export function crossOrigin(req: { headers: Record<string, string | string[] | undefined>; host: string }): boolean {
  const h = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const site = h('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return true;
  const from = h('origin') ?? h('referer');
  if (from === undefined) return false;
  try {
    return new URL(from).host !== req.host;
  } catch {
    return true; // 'null' (a sandboxed frame, a file) or garbage
  }
}

const MAX_JSON_DEPTH = 64;

/** Whether the raw JSON text nests objects/arrays deeper than `max`: one pass, strings skipped, no recursion. */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // a string: skip to its closing quote
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34) break;
      }
    } else if (c === 91 || c === 123) {
      if (++depth > max) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The actor of an authenticated route (the onRequest hook guarantees one). */
export function actorOf(req: { actor: Actor | null }): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}
