import { ErrorBody } from '../../../contract/common.ts';
import { RiskGroupQuery, RiskGroups } from '../../../contract/prevention.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import { listRiskGroups } from './service.ts';

const clock = () => new Date();

export const preventionRoutes: RouteModule = (app, { db }) => {
  const tags = ['prevention'];
  app.get('/api/v1/prevention/risk-groups', {
    schema: {
      operationId: 'listRiskGroups', summary: 'This week\'s risk groups (fraud type × age band × occupation × grid), ranked, with their counts', tags,
      querystring: RiskGroupQuery, response: { 200: RiskGroups, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
    },
  }, async (req) => listRiskGroups(db, actorOf(req), req.query, clock));
};
