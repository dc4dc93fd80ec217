import './subscribers.ts';
import { Type } from 'typebox';
import { ErrorBody, IdParams } from '../../../contract/common.ts';
import {
  BatchResult,
  CampaignSummary,
  CampaignView,
  NewCampaign,
  OptOutBody,
  RiskGroupQuery,
  RiskGroups,
} from '../../../contract/prevention.ts';
import type { SmsPort } from '../dissuasion/index.ts';
import { getCampaign, launchCampaign, listCampaigns, optOut, sendCampaignBatch } from './campaigns.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import { listRiskGroups } from './service.ts';
import {
  DoorTaskQuery,
  DoorTasks,
  NewTalk,
  NewVolunteer,
  Talk,
  VisitBody,
  VolunteerHoursBody,
  Volunteers,
  DoorProgress,
  DoorProgressQuery,
  TalkPhotos,
} from '../../../contract/prevention.ts';
import { invalid } from '../../platform/errors.ts';
import multipart from '@fastify/multipart';
import { PHOTO_MAX_BYTES } from './channels.ts';
import {
  addTalkPhoto,
  createTalk,
  createVolunteer,
  doorProgress,
  doorTasks,
  getTalkPhoto,
  listTalkPhotos,
  listTalks,
  listVolunteers,
  logVolunteerHours,
  recordVisit,
  wechatText,
} from './outreach.ts';
import { dateClock } from '../../platform/clock.ts';

const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Campaign routes; the SMS channel is the dissuasion runtime's SMPP client. */
const campaignRoutes =
  (smsOf: () => SmsPort | undefined): RouteModule =>
  (app, { db, clock: time }) => {
    const clock = dateClock(time);
    const tags = ['prevention'];
    app.post(
      '/api/v1/prevention/campaigns',
      {
        schema: {
          operationId: 'launchCampaign',
          summary: 'Launch an SMS campaign to a risk group; the holdout is drawn now',
          tags,
          body: NewCampaign,
          response: {
            201: Type.Object({ id: Type.String(), target: Type.Integer(), holdout: Type.Integer() }),
            ...errors,
          },
        },
      },
      async (req, reply) => reply.status(201).send(await launchCampaign(db, actorOf(req), req.body, clock)),
    );
    app.get(
      '/api/v1/prevention/campaigns',
      {
        schema: {
          operationId: 'listCampaigns',
          summary: 'Campaigns in the jurisdiction',
          tags,
          response: { 200: Type.Object({ items: Type.Array(CampaignSummary) }), ...errors },
        },
      },
      async (req) => listCampaigns(db, actorOf(req)),
    );
    app.get(
      '/api/v1/prevention/campaigns/:id',
      {
        schema: {
          operationId: 'getCampaign',
          summary: 'Coverage per grid and the effect against the holdout',
          tags,
          params: IdParams,
          response: { 200: CampaignView, ...errors },
        },
      },
      async (req) => getCampaign(db, actorOf(req), req.params.id),
    );
    app.post(
      '/api/v1/prevention/campaigns/:id/send',
      {
        schema: {
          operationId: 'sendCampaignBatch',
          summary: "Send today's batch (daily cap, opt-outs skipped)",
          tags,
          params: IdParams,
          response: { 200: BatchResult, ...errors },
        },
      },
      async (req) => sendCampaignBatch(db, actorOf(req), req.params.id, smsOf(), clock),
    );
    app.post(
      '/api/v1/prevention/optouts',
      {
        schema: {
          operationId: 'optOutSms',
          summary: 'Stop prevention SMS to a number (replied TD)',
          tags,
          body: OptOutBody,
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (req, reply) => {
        await optOut(db, actorOf(req), req.body.phone, clock);
        return reply.status(204).send(null);
      },
    );
  };

/** Channels beyond SMS: WeChat text, door-to-door tasks and visits, talks with photos, volunteers and hours. */
const outreachRoutes: RouteModule = (app, { db, clock: time }) => {
  const clock = dateClock(time);
  const tags = ['prevention'];
  const created = { 201: Type.Object({ id: Type.String() }), ...errors };
  const CampaignParams = Type.Object(
    { id: Type.String({ minLength: 1, maxLength: 64 }) },
    { additionalProperties: false },
  );
  app.get(
    '/api/v1/prevention/campaigns/:id/wechat-text',
    {
      schema: {
        operationId: 'campaignWechatText',
        summary: 'Text for WeChat groups, generated from the group (type × audience), no links',
        tags,
        params: CampaignParams,
        response: { 200: Type.Object({ text: Type.String() }), ...errors },
      },
    },
    async (req) => wechatText(db, actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/prevention/door-tasks',
    {
      schema: {
        operationId: 'doorTasks',
        summary: "A grid worker's door-to-door list: targeted residents in their grid, not yet met first",
        tags,
        querystring: DoorTaskQuery,
        response: { 200: DoorTasks, ...errors },
      },
    },
    async (req) => doorTasks(db, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/prevention/door-progress',
    {
      schema: {
        operationId: 'doorProgress',
        summary: 'Door-to-door progress per grid (targeted, visited, met) and per grid worker (visits, met)',
        tags,
        querystring: DoorProgressQuery,
        response: { 200: DoorProgress, ...errors },
      },
    },
    async (req) => doorProgress(db, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/prevention/talks/:id/photos',
    {
      schema: {
        operationId: 'listTalkPhotos',
        summary: 'The photos of a talk (ids, type, size)',
        tags,
        params: CampaignParams,
        response: { 200: TalkPhotos, ...errors },
      },
    },
    async (req) => listTalkPhotos(db, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/prevention/campaigns/:id/visits',
    {
      schema: {
        operationId: 'recordVisit',
        summary: 'Record a door-to-door visit with its outcome (met counts as reached)',
        tags,
        params: CampaignParams,
        body: VisitBody,
        response: created,
      },
    },
    async (req, reply) => reply.status(201).send(await recordVisit(db, actorOf(req), req.params.id, req.body, clock)),
  );
  app.post(
    '/api/v1/prevention/talks',
    {
      schema: {
        operationId: 'createTalk',
        summary: 'Record a talk or event (宣讲)',
        tags,
        body: NewTalk,
        response: created,
      },
    },
    async (req, reply) => reply.status(201).send(await createTalk(db, actorOf(req), req.body, clock)),
  );
  app.get(
    '/api/v1/prevention/talks',
    {
      schema: {
        operationId: 'listTalks',
        summary: 'Talks and events in the jurisdiction',
        tags,
        querystring: Type.Object(
          { campaignId: Type.Optional(Type.String({ maxLength: 64 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Talk) }), ...errors },
      },
    },
    async (req) => listTalks(db, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/prevention/talks/:id/photos/:photoId',
    {
      schema: {
        operationId: 'talkPhoto',
        summary: 'A photo of a talk',
        tags,
        params: Type.Object(
          { id: Type.String({ minLength: 1, maxLength: 64 }), photoId: Type.String({ minLength: 1, maxLength: 64 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (req, reply) => {
      const p = await getTalkPhoto(db, actorOf(req), req.params.id, req.params.photoId);
      return reply.header('content-type', p.mime).header('x-content-type-options', 'nosniff').send(p.data);
    },
  );
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: PHOTO_MAX_BYTES, files: 1 } });
    scope.post(
      '/api/v1/prevention/talks/:id/photos',
      {
        schema: {
          operationId: 'addTalkPhoto',
          summary: 'Add a photo (JPEG/PNG/WebP by content, at most 5 MB; multipart field "file")',
          tags,
          consumes: ['multipart/form-data'],
          params: CampaignParams,
          response: { ...created, 413: ErrorBody },
        },
      },
      async (req, reply) => {
        const file = await req.file().catch(() => undefined);
        if (!file) throw invalid('file', 'upload a photo in the field "file"');
        const data = await file.toBuffer().catch(() => {
          throw invalid('file', 'at most 5 MB');
        });
        return reply
          .status(201)
          .send(await addTalkPhoto(db, actorOf(req), (req.params as { id: string }).id, data, clock));
      },
    );
  });
  app.post(
    '/api/v1/prevention/volunteers',
    {
      schema: {
        operationId: 'createVolunteer',
        summary: 'Register a volunteer',
        tags,
        body: NewVolunteer,
        response: created,
      },
    },
    async (req, reply) => reply.status(201).send(await createVolunteer(db, actorOf(req), req.body, clock)),
  );
  app.post(
    '/api/v1/prevention/volunteers/:id/hours',
    {
      schema: {
        operationId: 'logVolunteerHours',
        summary: "Log a volunteer's hours",
        tags,
        params: CampaignParams,
        body: VolunteerHoursBody,
        response: created,
      },
    },
    async (req, reply) =>
      reply.status(201).send(await logVolunteerHours(db, actorOf(req), req.params.id, req.body, clock)),
  );
  app.get(
    '/api/v1/prevention/volunteers',
    {
      schema: {
        operationId: 'listVolunteers',
        summary: 'Volunteers in the jurisdiction and their hours',
        tags,
        response: { 200: Volunteers, ...errors },
      },
    },
    async (req) => listVolunteers(db, actorOf(req)),
  );
};

export const preventionRoutes: RouteModule = (app, deps) => {
  const { db } = deps;
  const clock = dateClock(deps.clock);
  // the SMS channel of the running dissuasion workflow (app.dissuasion: its plugin is registered before these routes)
  void campaignRoutes(() => app.dissuasion?.channels.sms)(app, deps);
  void outreachRoutes(app, deps);
  const tags = ['prevention'];
  app.get(
    '/api/v1/prevention/risk-groups',
    {
      schema: {
        operationId: 'listRiskGroups',
        summary: "This week's risk groups (fraud type × age band × occupation × grid), ranked, with their counts",
        tags,
        querystring: RiskGroupQuery,
        response: { 200: RiskGroups, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => listRiskGroups(db, actorOf(req), req.query, clock),
  );
};
