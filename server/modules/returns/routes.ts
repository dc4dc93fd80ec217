import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import { ErrorBody, IdParams } from '../../../contract/common.ts';
import {
  BoardQuery,
  ImportResult,
  NewReturnContact,
  NewReturnPerson,
  ReturnBoard,
  ReturnPerson,
  ReturnPersonDetail,
  ReturnQuery,
  ReturnTransition,
  UnmaskOnly,
  UpstreamPush,
} from '../../../contract/returns.ts';
import { assertMayUnmask } from '../../platform/auth/actor.ts';
import { invalid } from '../../platform/errors.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import { exportPersons, importPersons, RETURNS_IMPORT_LIMITS } from './import.ts';
import { board, changeStatus, createPerson, getPerson, listPersons, logContact, pushUpstream } from './service.ts';
import { dateClock } from '../../platform/clock.ts';

const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['returns'];

export const returnsRoutes: RouteModule = (app, deps) => {
  const { db } = deps;
  const clock = dateClock(deps.clock);
  app.post(
    '/api/v1/returns/persons',
    {
      schema: {
        operationId: 'createReturnPerson',
        summary: 'List a person stranded abroad (劝返), by hand',
        tags,
        body: NewReturnPerson,
        response: { 201: Type.Object({ id: Type.String() }), ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createPerson(db, actorOf(req), req.body, clock)),
  );
  app.post(
    '/api/v1/returns/upstream',
    {
      schema: {
        operationId: 'pushReturnPersons',
        summary: 'Upstream push of people abroad; idempotent by upstreamRef, all or nothing',
        tags,
        body: UpstreamPush,
        response: { 200: Type.Object({ created: Type.Integer(), known: Type.Integer() }), ...errors },
      },
    },
    async (req) => pushUpstream(db, actorOf(req), req.body.items, clock),
  );
  app.get(
    '/api/v1/returns/persons',
    {
      schema: {
        operationId: 'listReturnPersons',
        summary: 'People abroad whose 户籍地 or 流入地 is in the jurisdiction',
        tags,
        querystring: ReturnQuery,
        response: {
          200: Type.Object({
            items: Type.Array(ReturnPerson),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
          ...errors,
        },
      },
    },
    async (req) => listPersons(db, actorOf(req), req.query, clock),
  );
  app.get(
    '/api/v1/returns/persons/:id',
    {
      schema: {
        operationId: 'getReturnPerson',
        summary: 'One person: contacts with the family and the status history',
        tags,
        params: IdParams,
        querystring: UnmaskOnly,
        response: { 200: ReturnPersonDetail, ...errors },
      },
    },
    async (req) => getPerson(db, actorOf(req), req.params.id, req.query.unmask, clock),
  );
  app.post(
    '/api/v1/returns/persons/:id/status',
    {
      schema: {
        operationId: 'changeReturnStatus',
        summary: 'Move the status (在境外 → 劝返中 → 已劝返 / 已核减), with reason and due date',
        tags,
        params: IdParams,
        body: ReturnTransition,
        response: {
          200: Type.Object({
            id: Type.String(),
            status: Type.String(),
            dueAt: Type.String(),
            version: Type.Integer(),
          }),
          ...errors,
        },
      },
    },
    async (req) => changeStatus(db, actorOf(req), req.params.id, req.body, clock),
  );
  app.post(
    '/api/v1/returns/persons/:id/contacts',
    {
      schema: {
        operationId: 'logReturnContact',
        summary: 'Log a contact with the family',
        tags,
        params: IdParams,
        body: NewReturnContact,
        response: { 201: Type.Object({ id: Type.String() }), ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await logContact(db, actorOf(req), req.params.id, req.body, clock)),
  );
  app.get(
    '/api/v1/returns/board',
    {
      schema: {
        operationId: 'returnsBoard',
        summary: "A unit's board (挂图作战): counts, return rate and the open items until each is closed",
        tags,
        querystring: BoardQuery,
        response: { 200: ReturnBoard, ...errors },
      },
    },
    async (req) => board(db, actorOf(req), req.query, clock),
  );
  app.get(
    '/api/v1/returns/export',
    {
      schema: {
        operationId: 'exportReturnPersons',
        summary: 'The list as XLSX (masked unless unmask=true with X-Purpose)',
        tags,
        querystring: UnmaskOnly,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (req.query.unmask) assertMayUnmask(actor);
      const buffer = await exportPersons(db, actor, req.query.unmask === true, clock);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="returns-${clock().toISOString().slice(0, 10)}.xlsx"`)
        .send(buffer);
    },
  );
  // XLSX import (multipart field "file"), in its own scope so multipart applies to this route only
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: RETURNS_IMPORT_LIMITS.maxBytes, files: 1 } });
    scope.post(
      '/api/v1/returns/import',
      {
        schema: {
          operationId: 'importReturnPersons',
          summary: 'Import a list from XLSX; every bad row reported, nothing written if any',
          tags,
          consumes: ['multipart/form-data'],
          response: { 200: ImportResult, ...errors, 413: ErrorBody },
        },
      },
      async (req) => {
        const file = await req.file().catch(() => undefined);
        if (!file) throw invalid('file', 'upload an XLSX file in the field "file"');
        return importPersons(db, actorOf(req), await file.toBuffer(), clock);
      },
    );
  });
};
