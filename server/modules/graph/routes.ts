import './subscribers.ts';
import multipart from '@fastify/multipart';
import { Type } from 'typebox';
import { ErrorBody } from '../../../contract/common.ts';
import {
  CaseIdParams,
  FlowQuery,
  FlowResponse,
  GangQuery,
  GangResponse,
  LinkDecisionBody,
  LinkDecisionResponse,
  MuleHandoffBody,
  MuleHandoffResponse,
  MuleQuery,
  MuleResponse,
  NeighbourhoodQuery,
  NeighbourhoodResponse,
  RelatedResponse,
  StatementImportResponse,
  HistoryResponse,
} from '../../../contract/graph.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import { assertCan } from '../../platform/auth/actor.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import {
  caseFlow,
  decideLink,
  importStatement,
  listGangs,
  handoffMule,
  listMules,
  neighbourhood,
  personHistory,
  relatedToCase,
  setGroupLead,
} from './service.ts';
import { MAX_STATEMENT_BYTES, parseMappingField } from './statement.ts';
import { dateClock } from '../../platform/clock.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export const graphRoutes: RouteModule = async (app, { db, clock }) => {
  const tags = ['graph'];
  const now = dateClock(clock);

  app.get(
    '/api/v1/cases/:id/related',
    {
      schema: {
        tags,
        operationId: 'getCaseRelated',
        summary:
          '串并案: cases and warnings sharing an identifier with the case, directly or through one intermediate record',
        params: CaseIdParams,
        response: { 200: RelatedResponse, ...errors },
      },
    },
    async (req) => relatedToCase(db, actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/cases/:id/links',
    {
      schema: {
        tags,
        operationId: 'decideCaseLink',
        summary:
          'Confirm (串并) or reject the link between the case and another case or warning; confirmed cases form a group',
        params: CaseIdParams,
        body: LinkDecisionBody,
        response: { 200: LinkDecisionResponse, ...errors, 409: ErrorBody },
      },
    },
    async (req) => decideLink(db, actorOf(req), req.params.id, req.body, now),
  );

  app.post(
    '/api/v1/cases/:id/group-lead',
    {
      schema: {
        tags,
        operationId: 'setCaseGroupLead',
        summary: 'Make the case the lead case of its 串并案 group',
        params: CaseIdParams,
        response: {
          200: Type.Object({ id: Type.String(), leadCaseId: Type.String(), caseIds: Type.Array(Type.String()) }),
          ...errors,
          409: ErrorBody,
        },
      },
    },
    async (req) => setGroupLead(db, actorOf(req), req.params.id, now),
  );

  app.get(
    '/api/v1/cases/:id/flow',
    {
      schema: {
        tags,
        operationId: 'getCaseFlow',
        summary: "Money flow from the case's payments, level by level (LIFO or proportional attribution), to cash-out",
        params: CaseIdParams,
        querystring: FlowQuery,
        response: { 200: FlowResponse, ...errors },
      },
    },
    async (req) => caseFlow(db, actorOf(req), req.params.id, req.query.depth ?? 3, req.query.rule ?? 'lifo'),
  );

  app.get(
    '/api/v1/cases/:id/history',
    {
      schema: {
        tags,
        operationId: 'getCasePersonHistory',
        summary: "The victim's earlier warnings (with how they ended) and cases",
        params: CaseIdParams,
        response: { 200: HistoryResponse, ...errors },
      },
    },
    async (req) => personHistory(db, actorOf(req), 'case', req.params.id),
  );

  app.get(
    '/api/v1/warnings/:id/history',
    {
      schema: {
        tags,
        operationId: 'getWarningPersonHistory',
        summary: "The same person's other warnings (with how they ended) and cases",
        params: CaseIdParams,
        response: { 200: HistoryResponse, ...errors },
      },
    },
    async (req) => personHistory(db, actorOf(req), 'warning', req.params.id),
  );

  app.get(
    '/api/v1/mules',
    {
      schema: {
        tags,
        operationId: 'listMules',
        summary: 'Mule accounts (跑分/卡农) scored from statements and case payments, with reasons',
        querystring: MuleQuery,
        response: { 200: MuleResponse, ...errors },
      },
    },
    async (req) => listMules(db, actorOf(req), req.query.minScore ?? 50),
  );

  app.post(
    '/api/v1/mules/handoff',
    {
      schema: {
        tags,
        operationId: 'handoffMule',
        summary:
          'Send a flagged mule account to the indicator block list and/or the 两卡 registry, with its reasons as evidence',
        description:
          'account: the ref from GET /api/v1/mules (or the account number). Idempotent: a second send answers status "already".',
        body: MuleHandoffBody,
        response: { 200: MuleHandoffResponse, ...errors },
      },
    },
    async (req) => handoffMule(db, actorOf(req), req.body, now),
  );

  app.get(
    '/api/v1/graph/neighbourhood',
    {
      schema: {
        tags,
        operationId: 'getGraphNeighbourhood',
        summary: 'The records and identifiers around a case, warning or identifier (for the graph view)',
        querystring: NeighbourhoodQuery,
        response: { 200: NeighbourhoodResponse, ...errors },
      },
    },
    async (req) => neighbourhood(db, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/graph/gangs',
    {
      schema: {
        tags,
        operationId: 'listGangs',
        summary: 'Groups of cases and warnings linked through shared identifiers (hub caps applied), with communities',
        querystring: GangQuery,
        response: { 200: GangResponse, ...errors },
      },
    },
    async (req) => listGangs(db, actorOf(req), req.query.minSize ?? 2),
  );

  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: MAX_STATEMENT_BYTES, files: 1, fields: 5 } });
    scope.post(
      '/api/v1/cases/:id/statements',
      {
        validatorCompiler: () => () => true, // multipart: checked below, row by row
        schema: {
          tags,
          operationId: 'importStatement',
          summary:
            'Import a bank statement (CSV in UTF-8 or GBK, or XLSX) for the case; fields: file, bank, account, mapping (JSON: field → header)',
          description:
            'mapping fields: account counterparty counterpartyName amount direction time balance channel summary. The mapping is saved for the bank ' +
            'and used for its next statements. Any bad row → 400 listing every bad row as rows[N].field; nothing is written.',
          params: CaseIdParams,
          response: { 200: StatementImportResponse, ...errors, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        assertCan(actor, 'graph:write');
        if (!req.isMultipart())
          throw new AppError('unsupported_media_type', 'send the file as multipart/form-data in the field "file"');
        let file: { name: string; data: Buffer } | null = null;
        const fields: Record<string, string> = {};
        for await (const part of req.parts()) {
          if (part.type === 'file') {
            const data = await part.toBuffer();
            if (part.file.truncated)
              throw new AppError('payload_too_large', `file larger than ${MAX_STATEMENT_BYTES / 1024 / 1024} MB`);
            file = { name: part.filename, data };
          } else fields[part.fieldname] = String(part.value);
        }
        if (!file) throw invalid('file', 'required');
        const m = parseMappingField(fields.mapping);
        if (!m.ok) throw invalid('mapping', m.reason);
        const mapping = m.mapping;
        return importStatement(
          db,
          actor,
          (req.params as { id: string }).id,
          file,
          { bank: fields.bank, account: fields.account, mapping },
          now,
        );
      },
    );
  });
};
