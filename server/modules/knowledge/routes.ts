import { ErrorBody } from '../../../contract/common.ts';
import {
  KbCodeParams,
  KbDiff,
  KbDiffQuery,
  KbDraftUpdate,
  KbEntryDetail,
  KbEntryList,
  KbReviewDecision,
  KbSearchQuery,
  KbSearchResult,
  KbVersion,
  KbVersionParams,
  NewKbDraft,
  TalkingPointsQuery,
  TalkingPointsResponse,
} from '../../../contract/knowledge.ts';
import { assertCan } from '../../platform/auth/actor.ts';
import { on } from '../../platform/events/index.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import { talkingPointsFor, type Audience } from './audiences.ts';
import { loadPublishedKnowledge } from './published.ts';
import * as svc from './service.ts';
import { dateClock } from '../../platform/clock.ts';

const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const knowledgeRoutes: RouteModule = (app, deps) => {
  const db = deps.db;
  const now = dateClock(deps.clock);
  const tags = ['knowledge'];
  // an empty KB starts from the shipped catalogue; then the published versions are what this node speaks
  app.addHook('onReady', async () => {
    await svc.ensureKnowledgeSeeded(db, now());
    await loadPublishedKnowledge(db);
  });
  const off = on('knowledge.published', async (_p, ctx) => {
    if (ctx.db === db) await loadPublishedKnowledge(db);
  });
  app.addHook('onClose', async () => off());

  app.get(
    '/api/v1/knowledge/talking-points',
    {
      schema: {
        operationId: 'talkingPoints',
        summary: 'Dissuasion talking points for fraud types and an audience (published knowledge base)',
        tags,
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

  app.get(
    '/api/v1/knowledge/entries',
    {
      schema: {
        operationId: 'listKnowledgeEntries',
        summary: 'Knowledge-base entries with their published and open versions',
        tags,
        response: { 200: KbEntryList, ...errors },
      },
    },
    async (req) => svc.listEntries(db, actorOf(req)),
  );

  app.get(
    '/api/v1/knowledge/entries/:code',
    {
      schema: {
        operationId: 'getKnowledgeEntry',
        summary: 'An entry: published version, open draft and history',
        tags,
        params: KbCodeParams,
        response: { 200: KbEntryDetail, ...errors },
      },
    },
    async (req) => svc.getEntry(db, actorOf(req), req.params.code),
  );

  app.post(
    '/api/v1/knowledge/entries/:code/drafts',
    {
      schema: {
        operationId: 'createKnowledgeDraft',
        summary: 'Start a draft (a copy of the published version, or new content)',
        tags,
        params: KbCodeParams,
        body: NewKbDraft,
        response: { 201: KbVersion, ...errors },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return svc.createDraft(db, actorOf(req), req.params.code, req.body.content, now());
    },
  );

  app.get(
    '/api/v1/knowledge/versions/:id',
    {
      schema: {
        operationId: 'getKnowledgeVersion',
        summary: 'One version of an entry',
        tags,
        params: KbVersionParams,
        response: { 200: KbVersion, ...errors },
      },
    },
    async (req) => svc.getVersion(db, actorOf(req), req.params.id),
  );

  app.put(
    '/api/v1/knowledge/versions/:id',
    {
      schema: {
        operationId: 'updateKnowledgeDraft',
        summary: 'Edit a draft',
        tags,
        params: KbVersionParams,
        body: KbDraftUpdate,
        response: { 200: KbVersion, ...errors },
      },
    },
    async (req) => svc.updateDraft(db, actorOf(req), req.params.id, req.body.content, now()),
  );

  for (const cmd of ['submit', 'withdraw', 'reject', 'publish'] as const) {
    app.post(
      `/api/v1/knowledge/versions/:id/${cmd}`,
      {
        schema: {
          operationId: `${cmd}KnowledgeVersion`,
          summary:
            cmd === 'publish'
              ? 'Publish a version in review (knowledge:publish; not its author)'
              : cmd === 'reject'
                ? 'Send a version in review back to draft (reviewer)'
                : cmd === 'submit'
                  ? 'Submit a draft for review'
                  : 'Take a version back from review',
          tags,
          params: KbVersionParams,
          body: KbReviewDecision,
          response: { 200: KbVersion, ...errors },
        },
      },
      async (req) => svc.transition(db, actorOf(req), req.params.id, cmd, req.body?.note, now()),
    );
  }

  app.get(
    '/api/v1/knowledge/versions/:id/diff',
    {
      schema: {
        operationId: 'diffKnowledgeVersion',
        summary: 'What changed, field by field, against the version it is based on (or `against`)',
        tags,
        params: KbVersionParams,
        querystring: KbDiffQuery,
        response: { 200: KbDiff, ...errors },
      },
    },
    async (req) => svc.diffVersions(db, actorOf(req), req.params.id, req.query.against),
  );

  app.get(
    '/api/v1/knowledge/search',
    {
      schema: {
        operationId: 'searchKnowledge',
        summary: 'Chinese full-text search (jieba words) over the knowledge base',
        tags,
        querystring: KbSearchQuery,
        response: { 200: KbSearchResult, ...errors },
      },
    },
    async (req) => svc.searchKnowledge(db, actorOf(req), req.query.q, req.query.includeDrafts),
  );
};
