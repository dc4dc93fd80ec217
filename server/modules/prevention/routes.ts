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
import { runtimeFor, type SmsPort } from '../dissuasion/index.ts';
import { getCampaign, launchCampaign, listCampaigns, optOut, sendCampaignBatch } from './campaigns.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import { listRiskGroups } from './service.ts';

const clock = () => new Date();

const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/** Campaign routes; the SMS channel is the dissuasion runtime's SMPP client. */
const campaignRoutes =
  (smsOf: () => SmsPort | undefined): RouteModule =>
  (app, { db }) => {
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

export const preventionRoutes: RouteModule = (app, deps) => {
  const { db } = deps;
  void campaignRoutes(() => runtimeFor(db)?.channels.sms)(app, deps);
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
