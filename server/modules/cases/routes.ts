import { Type } from 'typebox';
import { ErrorBody, IdParams } from '../../../contract/common.ts';
import { UnmaskQuery } from '../../../contract/access.ts';
import { CaseCreated, CaseDetail, CaseQuery, CaseSummary, ChainAction, Countdown, NewCase } from '../../../contract/cases.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import { casesContext, type CasesOptions } from './runtime.ts';
import * as svc from './service.ts';

declare module '../../platform/http/app.ts' {
  interface AppDeps {
    /** clock, chain limits, evidence storage and the ports to orders/warnings (composition root) */
    cases?: CasesOptions;
  }
}

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const caseRoutes: RouteModule = (app, deps) => {
  const ctx = casesContext(deps.db, deps.cases);
  const tags = ['cases'];

  app.post('/api/v1/cases', {
    schema: {
      operationId: 'createCase', summary: 'Record a case (接警) with its payments and identifiers', tags, body: NewCase,
      response: { 201: CaseCreated, 400: ErrorBody, 403: ErrorBody },
    },
  }, async (req, reply) => reply.status(201).send(await svc.createCase(ctx, actorOf(req), req.body)));

  app.get('/api/v1/cases', {
    schema: {
      operationId: 'listCases', summary: 'Cases in your jurisdiction', tags, querystring: CaseQuery,
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ ...CaseSummary.properties, countdown: Nullable(Countdown) })), total: Type.Integer() }) },
    },
  }, async (req) => svc.listCases(ctx, actorOf(req), req.query));

  app.get('/api/v1/cases/:id', {
    schema: {
      operationId: 'getCase', summary: 'One case with payments, chain, orders, evidence, suspects and timeline', tags,
      params: IdParams, querystring: UnmaskQuery, response: { 200: CaseDetail, 404: ErrorBody },
    },
  }, async (req) => svc.getCase(ctx, actorOf(req), req.params.id, req.query.unmask));

  app.post('/api/v1/cases/:id/chain', {
    schema: {
      operationId: 'advanceCase', summary: 'Take the next step on the case chain (受理, 立案/不予立案, 侦查, 破案, 移送起诉, 结案)', tags,
      params: IdParams, body: ChainAction, response: { 200: CaseDetail, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
    },
  }, async (req) => svc.advanceCase(ctx, actorOf(req), req.params.id, req.body));
};
