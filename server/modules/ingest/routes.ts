import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import { ErrorBody } from '../../../contract/common.ts';
import { EventBatchBody, EventFileBody, IngestResponse } from '../../../contract/events.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { assertCan } from '../../platform/auth/actor.ts';
import { countEvents, ingestEvents, MAX_BYTES, MAX_EVENTS } from './service.ts';
import { parseNdjson } from './validate.ts';
import { XlsxRefused } from '../../platform/xlsx.ts';
import { rowToEvent, sheetRows } from './import.ts';
import { BindEventSource, EventSourceBinding, EventSourceList, EventSourceParams } from '../../../contract/access.ts';
import { bindEventSource, listEventSources, unbindEventSource } from './sources.ts';
import { beginForeground } from '../../platform/db/priority.ts';

const tooMany = (n: number) => new AppError('payload_too_large', `${n} events in one request; at most ${MAX_EVENTS}`);

// The request bodies are described in OpenAPI (the whole event contract, with an example per type) but checked
// here event by event: one bad event must be rejected on its own, never fail the batch with a schema 400.
const documentedOnly = () => () => true;

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  413: ErrorBody,
  415: ErrorBody,
};

// Partner ingest. Registered in its own scope so the NDJSON and multipart parsers stay local to these routes.
export const ingestRoutes: RouteModule = async (app, { db }) => {
  // A partner's request is foreground work from the moment it arrives, not only once it reaches its transaction:
  // its token and source checks are statements too, and a decision batch started meanwhile would hold the
  // embedded database's one connection in front of them (platform/db/priority.ts).
  app.server.prependListener('request', (req, res) => {
    if (req.method === 'POST' && req.url?.startsWith('/api/v1/events')) res.once('close', beginForeground());
  });
  await app.register(async (scope) => {
    const tags = ['events'];
    scope.addContentTypeParser(
      'application/x-ndjson',
      { parseAs: 'string', bodyLimit: MAX_BYTES },
      (_req, body, done) => done(null, body),
    );
    await scope.register(multipart, { limits: { fileSize: MAX_BYTES, files: 1, fields: 5 } });

    scope.post(
      '/api/v1/events',
      {
        bodyLimit: MAX_BYTES,
        config: { checksOwnText: true, maxJsonDepth: 10_000 }, // per event: an unstorable string rejects its event, not the batch
        validatorCompiler: documentedOnly,
        schema: {
          tags,
          summary: 'Ingest events (JSON array or NDJSON), per-event results',
          description:
            'Partner token with scope `events:write` (`Authorization: Bearer …`) or a session with that permission. ' +
            'Every event is checked on its own: the answer is 200 once the accepted events are durably stored, with one result ' +
            'per event in request order (accepted / duplicate / rejected with field and reason). A body that is not an array ' +
            `or NDJSON is 400; more than ${MAX_EVENTS.toLocaleString('en')} events or ${MAX_BYTES / 1024 / 1024} MB is 413. See docs/integration.md.`,
          body: EventBatchBody,
          response: { 200: IngestResponse, ...errors },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        assertCan(actor, 'events:write');
        const body: unknown = req.body;
        if (typeof body === 'string') {
          const { items, lineErrors } = parseNdjson(body);
          if (items.length > MAX_EVENTS) throw tooMany(items.length);
          return ingestEvents(db, actor, items, lineErrors);
        }
        if (!Array.isArray(body))
          throw invalid('(body)', 'expected a JSON array of events or NDJSON (Content-Type: application/x-ndjson)');
        if (body.length > MAX_EVENTS) throw tooMany(body.length);
        return ingestEvents(db, actor, body);
      },
    );

    scope.get(
      '/api/v1/events/status',
      {
        schema: {
          tags,
          summary: 'Event log counters: stored and not yet decided (operations, tests)',
          response: {
            200: Type.Object({ total: Type.Integer(), undecided: Type.Integer() }),
            401: ErrorBody,
            403: ErrorBody,
          },
        },
      },
      async (req) => {
        assertCan(actorOf(req), 'events:write');
        return countEvents(db);
      },
    );

    scope.post(
      '/api/v1/events/import',
      {
        bodyLimit: MAX_BYTES,
        validatorCompiler: documentedOnly,
        schema: {
          tags,
          summary: 'Import events from a CSV or XLSX file (multipart field "file"); `index` is the row number',
          description:
            'Same contract, limits, idempotency and per-event results as POST /api/v1/events; `index` is the row ' +
            'number in the file (header = 1). Not multipart → 415; no file or an unreadable one → 400.',
          body: EventFileBody,
          response: { 200: IngestResponse, ...errors },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        assertCan(actor, 'events:write');
        if (!req.isMultipart())
          throw new AppError('unsupported_media_type', 'expected multipart/form-data with a file field');
        const part = await req.file();
        if (!part) throw invalid('file', 'no file uploaded');
        const data = await part.toBuffer().catch((err: { code?: string }) => {
          if (err.code === 'FST_REQ_FILE_TOO_LARGE')
            throw new AppError('payload_too_large', `file larger than ${MAX_BYTES} bytes`);
          throw err;
        });
        // Belt and braces: after a request that ended in our own 413 (too many rows), the next multipart request on
        // the same keep-alive connection was seen to get past the plugin's fileSize limit; check what we really got.
        if (part.file.truncated || data.length > MAX_BYTES)
          throw new AppError('payload_too_large', `file larger than ${MAX_BYTES} bytes`);
        let rows;
        try {
          rows = await sheetRows({ filename: part.filename, mimetype: part.mimetype, data }, MAX_EVENTS);
        } catch (err) {
          if (err instanceof XlsxRefused && err.kind === 'too_large')
            throw new AppError('payload_too_large', err.message);
          throw invalid('file', 'not a readable CSV or XLSX file');
        }
        if (rows.length > MAX_EVENTS) throw tooMany(rows.length);
        const items: unknown[] = [];
        const pre = new Map<number, string>();
        rows.forEach((r, i) => {
          const x = rowToEvent(r.values);
          if ('error' in x) pre.set(i, x.error);
          items.push('event' in x ? x.event : undefined);
        });
        const res = await ingestEvents(db, actor, items, pre, 'file');
        return { ...res, results: res.results.map((o, i) => ({ ...o, index: rows[i]!.rowNumber })) };
      },
    );
  });

  // Event sources bound to partners by the platform administrator (sources.ts; issue 10 finding 6).
  const sourceTags = ['event-sources'];
  app.get(
    '/api/v1/event-sources',
    { schema: { tags: sourceTags, response: { 200: EventSourceList, 401: ErrorBody, 403: ErrorBody } } },
    async (req) => listEventSources(db, actorOf(req)),
  );
  app.put(
    '/api/v1/event-sources/:source',
    {
      schema: {
        tags: sourceTags,
        params: EventSourceParams,
        body: BindEventSource,
        response: { 200: EventSourceBinding, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => bindEventSource(db, actorOf(req), req.params.source, req.body.unitId),
  );
  app.delete(
    '/api/v1/event-sources/:source',
    {
      schema: {
        tags: sourceTags,
        params: EventSourceParams,
        response: { 204: Type.Null(), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      await unbindEventSource(db, actorOf(req), req.params.source);
      return reply.status(204).send(null);
    },
  );
};
