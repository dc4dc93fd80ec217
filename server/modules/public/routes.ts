import { Type } from 'typebox';
import { ErrorBody, PageQuery } from '../../../contract/common.ts';
import {
  Challenge,
  CheckRequest,
  CheckResult,
  DeskCall,
  DeskCallInput,
  DeskCallList,
  EducationList,
  PublicReport,
  ReportCreated,
} from '../../../contract/public.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import * as svc from './service.ts';

// Public routes carry `config.public` (no login) and a per-address rate limit; bodies are small and strict.
export const publicRoutes: RouteModule = (app, { db }) => {
  const tags = ['public'];
  const now = () => Date.now();

  app.get(
    '/api/v1/public/challenge',
    {
      config: { public: true, rateLimit: { max: svc.publicOptions().checksPerMinute * 2, timeWindow: '1 minute' } },
      schema: {
        tags,
        operationId: 'publicChallenge',
        summary: 'A single-use proof-of-work challenge for a report',
        response: { 200: Challenge, 429: ErrorBody },
      },
    },
    async () => svc.issueChallenge(db, now()),
  );

  app.post(
    '/api/v1/public/reports',
    {
      bodyLimit: 5 * 1024 * 1024,
      config: { public: true, rateLimit: { max: svc.publicOptions().reportsPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        operationId: 'publicReport',
        summary: '我要举报: report a number, URL, account or app (no login; proof of work required)',
        body: PublicReport,
        response: { 201: ReportCreated, 200: ReportCreated, 400: ErrorBody, 413: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      const r = await svc.submitReport(db, req.body, {
        ip: req.ip,
        now: now(),
        dissuasion: app.dissuasion,
        log: req.log,
      });
      return reply.status(r.duplicate ? 200 : 201).send({ id: r.id });
    },
  );

  app.post(
    '/api/v1/public/check',
    {
      config: { public: true, rateLimit: { max: svc.publicOptions().checksPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        operationId: 'publicCheck',
        summary: '风险查询: graded verdict for a number, URL, account or app',
        body: CheckRequest,
        response: { 200: CheckResult, 400: ErrorBody, 429: ErrorBody },
      },
    },
    async (req) => svc.checkValue(db, req.body, now()),
  );

  app.get(
    '/api/v1/public/education',
    {
      config: { public: true },
      schema: {
        tags,
        operationId: 'publicEducation',
        summary: 'Prevention education by fraud type',
        response: { 200: EducationList },
      },
    },
    async () => svc.education(),
  );

  app.post(
    '/api/v1/desk/calls',
    {
      schema: {
        tags: ['desk'],
        operationId: 'logDeskCall',
        summary: '96110 desk: log an inbound call, optionally turning it into a report, warning or case intake',
        body: DeskCallInput,
        response: { 201: DeskCall, 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.logDeskCall(db, actorOf(req), req.body, now(), app.dissuasion)),
  );

  app.get(
    '/api/v1/desk/calls',
    {
      schema: {
        tags: ['desk'],
        operationId: 'listDeskCalls',
        summary: "96110 desk: the call log of the caller's units",
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: DeskCallList },
      },
    },
    async (req) => svc.listDeskCalls(db, actorOf(req), req.query),
  );
};
