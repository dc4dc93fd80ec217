import { Type, type TSchema } from 'typebox';
import { ErrorBody, IdParams } from '../../../contract/common.ts';
import {
  AppealBody,
  AppealDecision,
  CardEntry,
  CardStats,
  EntryQuery,
  Measure,
  MeasureQuery,
  NewCardEntry,
  NewMeasure,
  NoteBody,
  Notice,
} from '../../../contract/cards.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import { UnmaskQuery } from '../../../contract/access.ts';
import {
  act,
  cardStats,
  createEntry,
  getEntry,
  listEntries,
  listMeasures,
  listNotices,
  proposeMeasure,
} from './service.ts';
import { dateClock } from '../../platform/clock.ts';

const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const cardRoutes: RouteModule = (app, deps) => {
  const { db } = deps;
  const clock = dateClock(deps.clock);
  const tags = ['cards'];
  app.post(
    '/api/v1/cards/entries',
    {
      schema: {
        operationId: 'createCardEntry',
        summary: 'Add a card (bank account or phone) to the 两卡 registry with its evidence',
        tags,
        body: NewCardEntry,
        response: { 201: Type.Object({ id: Type.String(), created: Type.Boolean() }), ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createEntry(db, actorOf(req), req.body, clock)),
  );

  app.get(
    '/api/v1/cards/entries',
    {
      schema: {
        operationId: 'listCardEntries',
        summary: "The 两卡 registry in the caller's jurisdiction",
        tags,
        querystring: EntryQuery,
        response: { 200: Type.Object({ items: Type.Array(CardEntry), total: Type.Integer() }), ...errors },
      },
    },
    async (req) => listEntries(db, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/cards/entries/:id',
    {
      schema: {
        operationId: 'getCardEntry',
        summary: 'One registry entry',
        tags,
        params: IdParams,
        querystring: UnmaskQuery,
        response: { 200: CardEntry, ...errors },
      },
    },
    async (req) => getEntry(db, actorOf(req), req.params.id, req.query.unmask),
  );

  app.get(
    '/api/v1/cards/stats',
    {
      schema: {
        operationId: 'cardStats',
        summary: 'Cards controlled, measures active, appeals, repeat offenders',
        tags,
        response: { 200: CardStats, ...errors },
      },
    },
    async (req) => cardStats(db, actorOf(req)),
  );

  app.post(
    '/api/v1/cards/measures',
    {
      schema: {
        operationId: 'proposeCardMeasure',
        summary: 'Propose an Art. 31 measure (restricts nobody until another person confirms it)',
        tags,
        body: NewMeasure,
        response: { 201: Type.Object({ id: Type.String(), status: Type.Literal('proposed') }), ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await proposeMeasure(db, actorOf(req), req.body, clock)),
  );

  app.get(
    '/api/v1/cards/measures',
    {
      schema: {
        operationId: 'listCardMeasures',
        summary: "Measures of an entry, or those addressed to the caller's bank/telecom",
        tags,
        querystring: MeasureQuery,
        response: { 200: Type.Object({ items: Type.Array(Measure) }), ...errors },
      },
    },
    async (req) => listMeasures(db, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/cards/notices',
    {
      schema: {
        operationId: 'listCardNotices',
        summary: "Apply / lift / expiry notices for the caller's bank or telecom",
        tags,
        response: { 200: Type.Object({ items: Type.Array(Notice) }), ...errors },
      },
    },
    async (req) => listNotices(db, actorOf(req)),
  );

  const step = (
    path: string,
    action: Parameters<typeof act>[3],
    operationId: string,
    summary: string,
    body: TSchema = NoteBody,
  ) =>
    app.post(
      `/api/v1/cards/measures/:id/${path}`,
      {
        // the steps without anything to say may be posted without a body
        preValidation: async (req) => {
          if (req.body === undefined || req.body === null) req.body = {};
        },
        schema: { operationId, summary, tags, params: IdParams, body, response: { 200: Measure, ...errors } },
      },
      async (req) =>
        act(db, actorOf(req), req.params.id, action, clock, (req.body ?? {}) as { reason?: string; upheld?: boolean }),
    );
  step(
    'confirm',
    'confirm',
    'confirmCardMeasure',
    'Confirm a proposed measure (another person than the proposer); it goes to the bank or telecom',
  );
  step('reject', 'reject', 'rejectCardMeasure', 'Decline a proposed measure');
  step('ack', 'ack', 'ackCardMeasure', "The addressed partner's liaison confirms execution");
  step('appeal', 'appeal', 'appealCardMeasure', 'Record an appeal against a measure in force', AppealBody);
  step(
    'appeal/decision',
    'decide',
    'decideCardAppeal',
    'Decide an appeal (a third person): upheld keeps the measure, otherwise it is revoked',
    AppealDecision,
  );
  step('release', 'release', 'releaseCardMeasure', "The partner's liaison confirms a revoked measure is lifted");
};
