import os from 'node:os';
import path from 'node:path';
import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import { ErrorBody, IdParams } from '../../../contract/common.ts';
import { UnmaskQuery } from '../../../contract/access.ts';
import {
  BankOfAccount,
  CaseAdditions,
  CaseCreated,
  CaseDetail,
  CaseQuery,
  CaseSummary,
  ChainAction,
  Countdown,
  EvidenceAdded,
  EvidenceTransfer,
  NewCase,
  NewSuspect,
  SuspectUpdate,
} from '../../../contract/cases.ts';
import { invalid } from '../../platform/errors.ts';
import { localDiskStorage } from './storage.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import { casesContext, type CasesOptions } from './runtime.ts';
import * as svc from './service.ts';

declare module '../../platform/http/app.ts' {
  interface AppDeps {
    /** clock, chain limits, evidence storage and the ports to orders/warnings (composition root) */
    cases?: CasesOptions;
  }
}

const Ok = Type.Object({ ok: Type.Boolean() });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const caseRoutes: RouteModule = (app, deps) => {
  // evidence on local disk unless the composition root configures storage (main.ts: ZHIWANG_DATA_DIR/evidence or S3)
  const ctx = casesContext(deps.db, deps.cases, localDiskStorage(path.join(os.tmpdir(), 'zhiwang-evidence')));
  const tags = ['cases'];

  app.post(
    '/api/v1/cases',
    {
      schema: {
        operationId: 'createCase',
        summary: 'Record a case (接警) with its payments and identifiers',
        tags,
        body: NewCase,
        response: { 201: CaseCreated, 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createCase(ctx, actorOf(req), req.body)),
  );

  app.get(
    '/api/v1/cases',
    {
      schema: {
        operationId: 'listCases',
        summary: 'Cases in your jurisdiction',
        tags,
        querystring: CaseQuery,
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ ...CaseSummary.properties, countdown: Nullable(Countdown) })),
            total: Type.Integer(),
          }),
        },
      },
    },
    async (req) => svc.listCases(ctx, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/cases/:id',
    {
      schema: {
        operationId: 'getCase',
        summary: 'One case with payments, chain, orders, evidence, suspects and timeline',
        tags,
        params: IdParams,
        querystring: UnmaskQuery,
        response: { 200: CaseDetail, 404: ErrorBody },
      },
    },
    async (req) => svc.getCase(ctx, actorOf(req), req.params.id, req.query.unmask),
  );

  app.post(
    '/api/v1/cases/:id/chain',
    {
      schema: {
        operationId: 'advanceCase',
        summary: 'Take the next step on the case chain (受理, 立案/不予立案, 侦查, 破案, 移送起诉, 结案)',
        tags,
        params: IdParams,
        body: ChainAction,
        response: { 200: CaseDetail, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => svc.advanceCase(ctx, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/cases/:id/payments',
    {
      schema: {
        operationId: 'addToCase',
        summary: 'Add payments / identifiers found after intake (publishes case.updated)',
        tags,
        params: IdParams,
        body: CaseAdditions,
        response: { 200: CaseDetail, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => svc.addToCase(ctx, actorOf(req), req.params.id, req.body),
  );

  const EvidenceParams = Type.Object(
    { id: Type.String({ minLength: 1, maxLength: 64 }), evidenceId: Type.String({ minLength: 1, maxLength: 64 }) },
    { additionalProperties: false },
  );
  const SuspectParams = Type.Object(
    { id: Type.String({ minLength: 1, maxLength: 64 }), suspectId: Type.String({ minLength: 1, maxLength: 64 }) },
    { additionalProperties: false },
  );

  // evidence upload (multipart: field "file", optional fields "kind" and "description"); multipart only in this scope
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1, fields: 5 } });
    scope.post(
      '/api/v1/cases/:id/evidence',
      {
        schema: {
          operationId: 'addCaseEvidence',
          summary: 'Add an evidence file (SHA-256, custody: collected)',
          tags,
          params: IdParams,
          consumes: ['multipart/form-data'],
          response: { 201: EvidenceAdded },
        },
      },
      async (req, reply) => {
        const file = await req.file().catch(() => undefined);
        if (!file) throw invalid('file', 'upload the evidence in the multipart field "file"');
        const data = await file.toBuffer();
        const field = (n: string) => {
          const f = file.fields[n] as { value?: unknown } | undefined;
          return typeof f?.value === 'string' ? f.value : undefined;
        };
        return reply
          .status(201)
          .send(
            await svc.addEvidence(
              ctx,
              actorOf(req),
              (req.params as { id: string }).id,
              { fileName: file.filename, mime: file.mimetype, data },
              { kind: field('kind'), description: field('description') },
            ),
          );
      },
    );
  });

  app.get(
    '/api/v1/cases/:id/evidence/:evidenceId/file',
    {
      schema: {
        operationId: 'getCaseEvidenceFile',
        summary: 'Download an evidence file (custody: viewed)',
        tags,
        params: EvidenceParams,
      },
    },
    async (req, reply) => {
      const f = await svc.readEvidence(ctx, actorOf(req), req.params.id, req.params.evidenceId);
      return reply
        .header('content-type', f.mime)
        .header('x-sha256', f.sha256)
        .header('x-sha256-intact', String(f.intact))
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
        .send(f.data);
    },
  );

  app.post(
    '/api/v1/cases/:id/evidence/:evidenceId/transfer',
    {
      schema: {
        operationId: 'transferCaseEvidence',
        summary: 'Hand an evidence item to another custodian',
        tags,
        params: EvidenceParams,
        body: EvidenceTransfer,
        response: { 200: Ok, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => svc.transferEvidence(ctx, actorOf(req), req.params.id, req.params.evidenceId, req.body),
  );

  app.post(
    '/api/v1/cases/:id/suspects',
    {
      schema: {
        operationId: 'addCaseSuspect',
        summary: 'Add a suspect with a role',
        tags,
        params: IdParams,
        body: NewSuspect,
        response: { 201: Type.Object({ id: Type.String() }), 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.addSuspect(ctx, actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/api/v1/cases/:id/suspects/:suspectId/status',
    {
      schema: {
        operationId: 'updateCaseSuspect',
        summary: 'Move a suspect on: 抓获, 逮捕, 起诉',
        tags,
        params: SuspectParams,
        body: SuspectUpdate,
        response: { 200: Ok, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => svc.updateSuspect(ctx, actorOf(req), req.params.id, req.params.suspectId, req.body),
  );

  app.get(
    '/api/v1/cases/bank-of',
    {
      schema: {
        operationId: 'bankOfAccount',
        summary: 'The bank of a card or account from its BIN (intake form)',
        tags,
        querystring: Type.Object(
          { account: Type.String({ minLength: 1, maxLength: 64 }) },
          { additionalProperties: false },
        ),
        response: { 200: BankOfAccount },
      },
    },
    async (req) => svc.bankOf(actorOf(req), req.query.account),
  );
};
import './subscribers.ts';
