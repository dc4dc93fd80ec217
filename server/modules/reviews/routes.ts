import './subscribers.ts';
import { ErrorBody, IdParams } from '../../../contract/common.ts';
import {
  ActionBoard,
  ActionBoardQuery,
  ActionDone,
  NewActionItem,
  NewReview,
  ReviewActionParams,
  ReviewDetail,
  ReviewFindings,
  ReviewList,
  ReviewListQuery,
} from '../../../contract/reviews.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import * as svc from './service.ts';
import { dateClock } from '../../platform/clock.ts';

const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };
/** What every review route declares alike: its id and summary, the module's tag and the error answers. */
const doc = <S extends { response: object }>(operationId: string, summary: string, s: S) => ({
  schema: { operationId, summary, tags: ['reviews'], ...s, response: { ...s.response, ...errors } },
});

export const reviewRoutes: RouteModule = (app, deps) => {
  const db = deps.db;
  const now = dateClock(deps.clock);
  app.post(
    '/api/v1/reviews',
    doc('createReview', 'Open an after-action review (复盘) on a case or a warning; the time line is filled in', {
      body: NewReview,
      response: { 201: ReviewDetail },
    }),
    async (req, reply) => {
      reply.code(201);
      return svc.createReview(db, actorOf(req), req.body, now());
    },
  );
  app.get(
    '/api/v1/reviews',
    doc('listReviews', 'Reviews in your jurisdiction', { querystring: ReviewListQuery, response: { 200: ReviewList } }),
    async (req) => svc.listReviews(db, actorOf(req), req.query.status),
  );
  app.get(
    '/api/v1/reviews/actions',
    doc('reviewActionBoard', 'Action items of the reviews in your jurisdiction (open by default), by due date', {
      querystring: ActionBoardQuery,
      response: { 200: ActionBoard },
    }),
    async (req) => svc.actionBoard(db, actorOf(req), req.query.status, now()),
  );
  app.get(
    '/api/v1/reviews/:id',
    doc('getReview', 'A review', { params: IdParams, response: { 200: ReviewDetail } }),
    async (req) => svc.getReview(db, actorOf(req), req.params.id, now()),
  );
  app.put(
    '/api/v1/reviews/:id/findings',
    doc('updateReviewFindings', 'What happened and where it was slow', {
      params: IdParams,
      body: ReviewFindings,
      response: { 200: ReviewDetail },
    }),
    async (req) => svc.updateFindings(db, actorOf(req), req.params.id, req.body, now()),
  );
  app.post(
    '/api/v1/reviews/:id/actions',
    doc(
      'addReviewAction',
      'An action item (rule threshold, script, training, bank procedure) with owner and due date',
      { params: IdParams, body: NewActionItem, response: { 201: ReviewDetail } },
    ),
    async (req, reply) => {
      reply.code(201);
      return svc.addAction(db, actorOf(req), req.params.id, req.body, now());
    },
  );
  app.post(
    '/api/v1/reviews/:id/actions/:actionId/done',
    doc('completeReviewAction', 'Mark an action item done', {
      params: ReviewActionParams,
      body: ActionDone,
      response: { 200: ReviewDetail },
    }),
    async (req) => svc.completeAction(db, actorOf(req), req.params.id, req.params.actionId, req.body?.note, now()),
  );
  app.post(
    '/api/v1/reviews/:id/close',
    doc('closeReview', 'Close a review (findings written, every action item done)', {
      params: IdParams,
      response: { 200: ReviewDetail },
    }),
    async (req) => svc.closeReview(db, actorOf(req), req.params.id, now()),
  );
};
