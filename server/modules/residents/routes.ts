import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import { ErrorBody, IdParams } from '../../../contract/common.ts';
import { NewResident, Resident, ResidentImportReport, ResidentQuery, UnmaskQuery } from '../../../contract/access.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import { importResidents } from './import.ts';
import { createResident, getResident, searchResidents } from './service.ts';

export const residentRoutes: RouteModule = (app, { db }) => {
  const tags = ['residents'];
  app.get(
    '/api/v1/residents',
    {
      schema: {
        tags,
        querystring: ResidentQuery,
        response: { 200: Type.Object({ items: Type.Array(Resident), total: Type.Integer() }) },
      },
    },
    async (req) => searchResidents(db, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/residents/:id',
    {
      schema: { tags, params: IdParams, querystring: UnmaskQuery, response: { 200: Resident, 404: ErrorBody } },
    },
    async (req) => getResident(db, actorOf(req), req.params.id, req.query.unmask),
  );

  app.post(
    '/api/v1/residents',
    {
      schema: { tags, body: NewResident, response: { 201: Resident, 400: ErrorBody, 409: ErrorBody } },
    },
    async (req, reply) => reply.status(201).send(await createResident(db, actorOf(req), req.body)),
  );

  // CSV/XLSX import (multipart field "file"); multipart is registered for this route's scope only
  void app.register(async (scope) => {
    const MAX_BYTES = 20 * 1024 * 1024;
    await scope.register(multipart, { limits: { fileSize: MAX_BYTES, files: 1 } });
    scope.post(
      '/api/v1/residents/import',
      { schema: { tags, consumes: ['multipart/form-data'], response: { 200: ResidentImportReport } } },
      async (req) => {
        const file = await req.file().catch(() => undefined);
        if (!file) throw invalid('file', 'upload a CSV or XLSX file in the field "file"');
        const data = await file.toBuffer();
        // The plugin's fileSize limit was seen not to throw on a kept-alive connection (see ingest/routes.ts): check
        // what really arrived, so an oversized file is a 413 and never parsed.
        if (file.file.truncated || data.length > MAX_BYTES)
          throw new AppError('payload_too_large', `file larger than ${MAX_BYTES} bytes`);
        return importResidents(db, actorOf(req), data);
      },
    );
  });
};
