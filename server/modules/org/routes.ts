import { Type } from 'typebox';
import { ErrorBody, IdParams } from '../../../contract/common.ts';
import { NewUnit, Unit, UnitPatch, UnitQuery } from '../../../contract/access.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import { createUnit, getUnit, listUnits, renameUnit } from './service.ts';

export const orgRoutes: RouteModule = (app, { db }) => {
  const tags = ['units'];
  app.get(
    '/api/v1/units',
    {
      schema: {
        tags,
        querystring: UnitQuery,
        response: { 200: Type.Object({ items: Type.Array(Unit), total: Type.Integer() }) },
      },
    },
    async (req) => listUnits(db, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/units/:id',
    {
      schema: { tags, params: IdParams, response: { 200: Unit, 404: ErrorBody } },
    },
    async (req) => getUnit(db, actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/units',
    {
      schema: { tags, body: NewUnit, response: { 201: Unit, 400: ErrorBody, 409: ErrorBody } },
    },
    async (req, reply) => reply.status(201).send(await createUnit(db, actorOf(req), req.body)),
  );

  app.patch(
    '/api/v1/units/:id',
    {
      schema: { tags, params: IdParams, body: UnitPatch, response: { 200: Unit, 404: ErrorBody } },
    },
    async (req) => renameUnit(db, actorOf(req), req.params.id, req.body.name),
  );
};
