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
const tags = ['knowledge'];
/** What every knowledge route declares alike: its id and summary, the module's tag and the error answers. */
const doc = <S extends { response: object }>(operationId: string, summary: string, s: S) => ({
  schema: { operationId, summary, tags, ...s, response: { ...s.response, ...errors } },
});

const TRANSITION_SUMMARY = {
  submit: 'Submit a draft for review',
  withdraw: 'Take a version back from review',
  reject: 'Send a version in review back to draft (reviewer)',
  publish: 'Publish a version in review (knowledge:publish; not its author)',
} as const;

export const knowledgeRoutes: RouteModule = (app, deps) => {
  const db = deps.db;
  const now = dateClock(deps.clock);
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
    doc('listKnowledgeEntries', 'Knowledge-base entries with their published and open versions', {
      response: { 200: KbEntryList },
    }),
    async (req) => svc.listEntries(db, actorOf(req)),
  );

  app.get(
    '/api/v1/knowledge/entries/:code',
    doc('getKnowledgeEntry', 'An entry: published version, open draft and history', {
      params: KbCodeParams,
      response: { 200: KbEntryDetail },
    }),
    async (req) => svc.getEntry(db, actorOf(req), req.params.code),
  );

  app.post(
    '/api/v1/knowledge/entries/:code/drafts',
    doc('createKnowledgeDraft', 'Start a draft (a copy of the published version, or new content)', {
      params: KbCodeParams,
      body: NewKbDraft,
      response: { 201: KbVersion },
    }),
    async (req, reply) => {
      reply.code(201);
      return svc.createDraft(db, actorOf(req), req.params.code, req.body.content, now());
    },
  );

  app.get(
    '/api/v1/knowledge/versions/:id',
    doc('getKnowledgeVersion', 'One version of an entry', { params: KbVersionParams, response: { 200: KbVersion } }),
    async (req) => svc.getVersion(db, actorOf(req), req.params.id),
  );

  app.put(
    '/api/v1/knowledge/versions/:id',
    doc('updateKnowledgeDraft', 'Edit a draft', {
      params: KbVersionParams,
      body: KbDraftUpdate,
      response: { 200: KbVersion },
    }),
    async (req) => svc.updateDraft(db, actorOf(req), req.params.id, req.body.content, now()),
  );

  for (const cmd of Object.keys(TRANSITION_SUMMARY) as (keyof typeof TRANSITION_SUMMARY)[]) {
    app.post(
      `/api/v1/knowledge/versions/:id/${cmd}`,
      doc(`${cmd}KnowledgeVersion`, TRANSITION_SUMMARY[cmd], {
        params: KbVersionParams,
        body: KbReviewDecision,
        response: { 200: KbVersion },
      }),
      async (req) => svc.transition(db, actorOf(req), req.params.id, cmd, req.body?.note, now()),
    );
  }

  app.get(
    '/api/v1/knowledge/versions/:id/diff',
    doc('diffKnowledgeVersion', 'What changed, field by field, against the version it is based on (or `against`)', {
      params: KbVersionParams,
      querystring: KbDiffQuery,
      response: { 200: KbDiff },
    }),
    async (req) => svc.diffVersions(db, actorOf(req), req.params.id, req.query.against),
  );

  app.get(
    '/api/v1/knowledge/search',
    doc('searchKnowledge', 'Chinese full-text search (jieba words) over the knowledge base', {
      querystring: KbSearchQuery,
      response: { 200: KbSearchResult },
    }),
    async (req) => svc.searchKnowledge(db, actorOf(req), req.query.q, req.query.includeDrafts),
  );
};
