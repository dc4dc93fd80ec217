import { Type } from 'typebox';
import { ErrorBody, IdParams } from '../../../contract/common.ts';
import { ApiToken, CreatedToken, NewToken } from '../../../contract/access.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import { createToken, listTokens, revokeToken } from './service.ts';

export const tokenRoutes: RouteModule = (app, { db }) => {
  const tags = ['tokens'];
  app.get(
    '/api/v1/tokens',
    {
      schema: { tags, response: { 200: Type.Object({ items: Type.Array(ApiToken), total: Type.Integer() }) } },
    },
    async (req) => listTokens(db, actorOf(req)),
  );

  app.post(
    '/api/v1/tokens',
    {
      schema: { tags, body: NewToken, response: { 201: CreatedToken, 400: ErrorBody } },
    },
    async (req, reply) => reply.status(201).send(await createToken(db, actorOf(req), req.body)),
  );

  app.delete(
    '/api/v1/tokens/:id',
    {
      schema: { tags, params: IdParams, response: { 204: Type.Null(), 404: ErrorBody } },
    },
    async (req, reply) => {
      await revokeToken(db, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
};
