import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import { ErrorBody, IdParams } from '../../../contract/common.ts';
import {
  BulkIndicatorRequest,
  BulkIndicatorResponse,
  CheckQuery,
  CheckResponse,
  ExportQuery,
  ImportResponse,
  Indicator,
  IndicatorPage,
  IndicatorQuery,
} from '../../../contract/indicators.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import { assertCan } from '../../platform/auth/actor.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import {
  bulkUpsert,
  checkIndicator,
  deleteIndicator,
  ensureBuiltinAllowList,
  exportIndicators,
  getIndicator,
  importIndicatorFile,
  listIndicators,
} from './service.ts';
import { systemClock } from '../../platform/clock.ts';

const MAX_FILE = 20 * 1024 * 1024;

export const indicatorRoutes: RouteModule = async (app, { db, clock = systemClock }) => {
  const tags = ['indicators'];
  // The default allow-list is seeded idempotently at start, so every deployment has it without a data migration.
  await ensureBuiltinAllowList(db);

  app.get(
    '/api/v1/indicators',
    {
      schema: { tags, querystring: IndicatorQuery, response: { 200: IndicatorPage } },
    },
    async (req) => listIndicators(db, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/indicators/check',
    {
      schema: { tags, querystring: CheckQuery, response: { 200: CheckResponse } },
    },
    async (req) => checkIndicator(db, actorOf(req), req.query.kind, req.query.value),
  );

  app.get(
    '/api/v1/indicators/export',
    {
      schema: {
        tags,
        querystring: ExportQuery,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (req, reply) => {
      const { format = 'xlsx', ...filter } = req.query;
      const body = await exportIndicators(db, actorOf(req), format, filter);
      const stamp = new Date(clock()).toISOString().slice(0, 10);
      return reply
        .header(
          'content-type',
          format === 'csv'
            ? 'text/csv; charset=utf-8'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .header('content-disposition', `attachment; filename="indicators-${stamp}.${format}"`)
        .send(body);
    },
  );

  app.get(
    '/api/v1/indicators/:id',
    {
      schema: { tags, params: IdParams, response: { 200: Indicator, 404: ErrorBody } },
    },
    async (req) => getIndicator(db, actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/indicators',
    {
      bodyLimit: 8 * 1024 * 1024, // 10,000 items
      schema: {
        tags,
        body: BulkIndicatorRequest,
        response: { 200: BulkIndicatorResponse, 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => bulkUpsert(db, actorOf(req), req.body),
  );

  app.delete(
    '/api/v1/indicators/:id',
    {
      schema: { tags, params: IdParams, response: { 204: Type.Null(), 404: ErrorBody } },
    },
    async (req, reply) => {
      await deleteIndicator(db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  // Multipart parsing only where a file is expected: the rest of the API keeps strict JSON bodies.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_FILE, files: 1, fields: 5 } });
    scope.post(
      '/api/v1/indicators/import',
      {
        validatorCompiler: () => () => true, // documents the multipart body; the file is checked below, row by row
        schema: {
          tags,
          summary: 'Import indicators from a CSV or XLSX file (multipart field "file"), all rows or none',
          description:
            'Header row: 类型 值 名单 原因 来源 置信度 有效期至 诈骗类型 (or kind value list reason source confidence validUntil ' +
            'fraudType). Any bad row → 400 listing every bad row as `rows[N].field` (N = row number, header = 1); nothing is written.',
          body: {
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['file'],
                  properties: {
                    file: {
                      type: 'string',
                      format: 'binary',
                      description: '.csv (UTF-8) or .xlsx, ≤ 20 MB, ≤ 100,000 rows',
                    },
                  },
                },
              },
            },
          },
          response: {
            200: ImportResponse,
            400: ErrorBody,
            401: ErrorBody,
            403: ErrorBody,
            413: ErrorBody,
            415: ErrorBody,
          },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        assertCan(actor, 'indicators:write'); // before reading an upload the caller may not make
        if (!req.isMultipart())
          throw new AppError('unsupported_media_type', 'send the file as multipart/form-data in the field "file"');
        const file = await req.file();
        if (!file) throw invalid('file', 'required');
        const data = await file.toBuffer();
        if (file.file.truncated || data.length > MAX_FILE)
          throw new AppError('payload_too_large', `file larger than ${MAX_FILE / 1024 / 1024} MB`);
        return importIndicatorFile(db, actor, file.filename, data);
      },
    );
  });
};
