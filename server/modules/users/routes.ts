import { Type } from 'typebox';
import { ErrorBody, IdParams } from '../../../contract/common.ts';
import { NewUser, User, UserPatch, UserQuery } from '../../../contract/access.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import { createUser, getUser, listUsers, resetPassword, updateUser } from './service.ts';

export const userRoutes: RouteModule = (app, { db }) => {
  const tags = ['users'];
  app.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        querystring: UserQuery,
        response: { 200: Type.Object({ items: Type.Array(User), total: Type.Integer() }) },
      },
    },
    async (req) => listUsers(db, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/users/:id',
    {
      schema: { tags, params: IdParams, response: { 200: User, 404: ErrorBody } },
    },
    async (req) => getUser(db, actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        body: NewUser,
        response: {
          201: Type.Object({ user: User, temporaryPassword: Type.Optional(Type.String()) }),
          400: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (req, reply) => reply.status(201).send(await createUser(db, actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      schema: { tags, params: IdParams, body: UserPatch, response: { 200: User, 400: ErrorBody, 404: ErrorBody } },
    },
    async (req) => updateUser(db, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/users/:id/reset-password',
    {
      schema: {
        tags,
        params: IdParams,
        response: { 200: Type.Object({ temporaryPassword: Type.String() }), 404: ErrorBody },
      },
    },
    async (req) => resetPassword(db, actorOf(req), req.params.id),
  );
};
