// The OpenAPI document partners generate clients from (/api/openapi.json): OpenAPI 3.1 (our TypeBox schemas are
// JSON Schema 2020-12, which 3.1 embeds as they are), every operation with an operationId, a summary and its error
// answers. A route states its own summary and operationId; where it does not, one is derived from its method and
// path, so no operation is left without. Checked by a validator and a linter in test/api/openapi.db.test.ts.
import type { FastifySchema, RouteOptions } from 'fastify';

/** The body of every 4xx/5xx answer (platform/http/errors.ts). */
export const ErrorBody = {
  type: 'object',
  description: 'An error: a stable code, a message, and for bad input the fields at fault.',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', description: 'stable error code, e.g. validation_failed, not_found, stop_limit_reached' },
    message: { type: 'string', description: 'human-readable explanation' },
    field: { type: 'string', description: 'the first field at fault (bad input)' },
    problems: {
      type: 'array',
      description: 'every field at fault, with the reason',
      items: {
        type: 'object',
        required: ['field', 'reason'],
        properties: { field: { type: 'string' }, reason: { type: 'string' } },
      },
    },
  },
  example: {
    error: 'validation_failed',
    message: 'amount: must be > 0',
    field: 'amount',
    problems: [{ field: 'amount', reason: 'must be > 0' }],
  },
} as const;

export const openapiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Zhiwang 织网 API',
    version: '1',
    description:
      'The anti-fraud operations platform: partners send events (POST /api/v1/events), receive and answer orders, and ' +
      'read what their scope allows. Sign in with a session cookie (web) or a partner token (`Authorization: Bearer`). ' +
      'Errors are JSON `{ error, message, field?, problems? }` with a stable `error` code.',
    license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
  },
  servers: [{ url: '/', description: 'this server' }],
  components: {
    securitySchemes: {
      session: { type: 'apiKey', in: 'cookie', name: 'zw_session' },
      bearer: { type: 'http', scheme: 'bearer', description: 'partner API token' },
    },
    schemas: { Error: ErrorBody },
  },
  security: [{ session: [] }, { bearer: [] }],
};

const ref = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});
const ERRORS: Record<string, ReturnType<typeof ref>> = {
  400: ref('Bad input: the fields at fault and why; nothing was written'),
  401: ref('Not signed in'),
  403: ref('Not allowed for this role or token'),
  404: ref('No such record in your jurisdiction'),
};

type Schema = FastifySchema & {
  operationId?: string;
  summary?: string;
  hide?: boolean;
  response?: Record<string, unknown>;
};

/** @fastify/swagger `transform`: fills what a route left out, for the document only (not for serialisation). */
export function documentRoute({ schema, url, route }: { schema: Schema; url: string; route: RouteOptions }): {
  schema: FastifySchema;
  url: string;
} {
  if (!schema || schema.hide) return { schema, url };
  const method = (Array.isArray(route.method) ? route.method[0]! : route.method).toLowerCase();
  const isPublic = Boolean((route.config as { public?: boolean } | undefined)?.public);
  const errors = Object.fromEntries(
    Object.entries(ERRORS).filter(([code]) => !(isPublic && (code === '401' || code === '403'))),
  );
  return {
    url,
    schema: {
      ...schema,
      operationId: schema.operationId ?? operationIdOf(method, url),
      summary: schema.summary ?? summaryOf(method, url),
      // a route without its own success schema still documents that it succeeds (fastify adds none then)
      response: {
        ...errors,
        ...(hasSuccess(schema.response) ? {} : { 200: { description: 'Success' } }),
        ...(schema.response ?? {}),
      },
    } as FastifySchema,
  };
}

const hasSuccess = (r: Record<string, unknown> | undefined) => !!r && Object.keys(r).some((k) => /^2/.test(k));

const words = (url: string) =>
  url
    .replace(/^\/api\/v1\//, '')
    .split('/')
    .filter(Boolean);
const camel = (s: string) => s.replace(/[-_.]+(\w)/g, (_, c: string) => c.toUpperCase());
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** GET /api/v1/warnings/:id/workflow → getWarningsByIdWorkflow */
export function operationIdOf(method: string, url: string): string {
  const parts = words(url).map((w) => (w.startsWith(':') ? `By${cap(camel(w.slice(1)))}` : cap(camel(w))));
  return method + parts.join('');
}

/** GET /api/v1/warnings → "List warnings"; GET …/:id → "Get warning"; POST …/:id/take → "Take (case-intake)". */
export function summaryOf(method: string, url: string): string {
  const ws = words(url);
  const last = ws[ws.length - 1] ?? '';
  const byId = last.startsWith(':');
  const nouns = ws.filter((w) => !w.startsWith(':')).map((w) => w.replace(/-/g, ' '));
  const subject = nouns.join(' ');
  if (method === 'get') return byId ? `Get one of ${subject}` : `List or read ${subject}`;
  if (method === 'delete') return `Delete one of ${subject}`;
  if (method === 'patch' || method === 'put') return byId ? `Update one of ${subject}` : `Replace ${subject}`;
  return byId
    ? `Create or act on ${subject}`
    : ws.some((w) => w.startsWith(':'))
      ? `${cap(nouns[nouns.length - 1] ?? 'act')} (${nouns.slice(0, -1).join(' ')})`
      : `Create or submit ${subject}`;
}
