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

export const reviewRoutes: RouteModule = (app, deps) => {
  const db = deps.db;
  const now = dateClock(deps.clock);
  const tags = ['reviews'];
  app.post(
    '/api/v1/reviews',
    {
      schema: {
        operationId: 'createReview',
        summary: 'Open an after-action review (复盘) on a case or a warning; the time line is filled in',
        tags,
        body: NewReview,
        response: { 201: ReviewDetail, ...errors },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return svc.createReview(db, actorOf(req), req.body, now());
    },
  );
  app.get(
    '/api/v1/reviews',
    {
      schema: {
        operationId: 'listReviews',
        summary: 'Reviews in your jurisdiction',
        tags,
        querystring: ReviewListQuery,
        response: { 200: ReviewList, ...errors },
      },
    },
    async (req) => svc.listReviews(db, actorOf(req), req.query.status),
  );
  app.get(
    '/api/v1/reviews/actions',
    {
      schema: {
        operationId: 'reviewActionBoard',
        summary: 'Action items of the reviews in your jurisdiction (open by default), by due date',
        tags,
        querystring: ActionBoardQuery,
        response: { 200: ActionBoard, ...errors },
      },
    },
    async (req) => svc.actionBoard(db, actorOf(req), req.query.status, now()),
  );
  app.get(
    '/api/v1/reviews/:id',
    {
      schema: {
        operationId: 'getReview',
        summary: 'A review',
        tags,
        params: IdParams,
        response: { 200: ReviewDetail, ...errors },
      },
    },
    async (req) => svc.getReview(db, actorOf(req), req.params.id, now()),
  );
  app.put(
    '/api/v1/reviews/:id/findings',
    {
      schema: {
        operationId: 'updateReviewFindings',
        summary: 'What happened and where it was slow',
        tags,
        params: IdParams,
        body: ReviewFindings,
        response: { 200: ReviewDetail, ...errors },
      },
    },
    async (req) => svc.updateFindings(db, actorOf(req), req.params.id, req.body, now()),
  );
  app.post(
    '/api/v1/reviews/:id/actions',
    {
      schema: {
        operationId: 'addReviewAction',
        summary: 'An action item (rule threshold, script, training, bank procedure) with owner and due date',
        tags,
        params: IdParams,
        body: NewActionItem,
        response: { 201: ReviewDetail, ...errors },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return svc.addAction(db, actorOf(req), req.params.id, req.body, now());
    },
  );
  app.post(
    '/api/v1/reviews/:id/actions/:actionId/done',
    {
      schema: {
        operationId: 'completeReviewAction',
        summary: 'Mark an action item done',
        tags,
        params: ReviewActionParams,
        body: ActionDone,
        response: { 200: ReviewDetail, ...errors },
      },
    },
    async (req) => svc.completeAction(db, actorOf(req), req.params.id, req.params.actionId, req.body?.note, now()),
  );
  app.post(
    '/api/v1/reviews/:id/close',
    {
      schema: {
        operationId: 'closeReview',
        summary: 'Close a review (findings written, every action item done)',
        tags,
        params: IdParams,
        response: { 200: ReviewDetail, ...errors },
      },
    },
    async (req) => svc.closeReview(db, actorOf(req), req.params.id, now()),
  );
};
