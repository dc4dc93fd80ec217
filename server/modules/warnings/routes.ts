import { Type } from 'typebox';
import { ErrorBody, IdParams } from '../../../contract/common.ts';
import { UnmaskQuery } from '../../../contract/access.ts';
import { WarningDetail, WarningQuery, WarningSummary } from '../../../contract/warnings.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import { getWarning, listWarnings } from './service.ts';
import { loadEvidence } from '../ingest/index.ts';

export const warningRoutes: RouteModule = (app, { db }) => {
  const tags = ['warnings'];
  app.get(
    '/api/v1/warnings',
    {
      schema: {
        tags,
        querystring: WarningQuery,
        response: { 200: Type.Object({ items: Type.Array(WarningSummary), total: Type.Integer() }) },
      },
    },
    async (req) => listWarnings(db, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/warnings/:id',
    {
      schema: { tags, params: IdParams, querystring: UnmaskQuery, response: { 200: WarningDetail, 404: ErrorBody } },
    },
    async (req) => getWarning(db, actorOf(req), req.params.id, req.query.unmask, loadEvidence),
  );
};
