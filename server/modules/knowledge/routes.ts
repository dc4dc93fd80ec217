import { ErrorBody } from '../../../contract/common.ts';
import { TalkingPointsQuery, TalkingPointsResponse } from '../../../contract/knowledge.ts';
import { assertCan } from '../../platform/auth/actor.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import { talkingPointsFor, type Audience } from './audiences.ts';

export const knowledgeRoutes: RouteModule = (app) => {
  app.get(
    '/api/v1/knowledge/talking-points',
    {
      schema: {
        operationId: 'talkingPoints',
        summary: 'Dissuasion talking points for fraud types and an audience',
        tags: ['knowledge'],
        querystring: TalkingPointsQuery,
        response: { 200: TalkingPointsResponse, 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => {
      assertCan(actorOf(req), 'knowledge:read');
      const types = req.query.types
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .slice(0, 10);
      const audience = (req.query.audience ?? 'general') as Audience;
      return { audience, items: talkingPointsFor(types, audience) };
    },
  );
};
