import { ErrorBody } from '../../../contract/common.ts';
import {
  ClassifyTextRequest,
  DecideProposal,
  FraudTypeCatalogue,
  ProposalDecided,
  ProposalParams,
  PublishScriptModel,
  ScriptLabelInput,
  ScriptModelInfo,
  TextClassification,
} from '../../../contract/fraud-types.ts';
import { Type } from 'typebox';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import {
  addScriptLabel,
  classifyForActor,
  decideProposal,
  publishScriptModel,
  scriptModelInfo,
  syncPublishedModel,
} from './service.ts';
import { on } from '../../platform/events/index.ts';
import { catalogueVersion, fraudTypes } from './catalogue.ts';

export const fraudTypeRoutes: RouteModule = (app, { db }) => {
  const tags = ['fraud-types'];
  // a script model published on any node is in use on this one as soon as it commits (no restart)
  const offConfig = on('config.changed', async (change, ctx) => {
    if (ctx.db === db && (change === null || change.scope === 'scripts')) {
      const v = await syncPublishedModel(db);
      if (v) app.log.info({ scriptModel: v }, 'script model reloaded');
    }
  });
  app.addHook('onClose', async () => {
    offConfig();
  });
  app.post(
    '/api/v1/script/classify',
    {
      schema: {
        tags,
        operationId: 'classifyText',
        summary: 'Script recognition: probability per fraud type and "normal", with the words that drove it',
        body: ClassifyTextRequest,
        response: { 200: TextClassification, 400: ErrorBody },
      },
    },
    async (req) => classifyForActor(actorOf(req), req.body.text),
  );

  app.get(
    '/api/v1/fraud-types',
    {
      schema: {
        tags,
        operationId: 'listFraudTypes',
        summary: 'The fraud-type catalogue in force (the published knowledge base: names, parents, list versions)',
        response: { 200: FraudTypeCatalogue, 401: ErrorBody },
      },
    },
    async (req) => {
      actorOf(req); // signed-in users (and partner tokens)
      return {
        version: catalogueVersion(),
        items: fraudTypes().map(({ code, name, nameEn, parent, listVersion }) => ({
          code,
          name,
          nameEn,
          parent,
          listVersion,
        })),
      };
    },
  );

  app.get(
    '/api/v1/script/model',
    {
      schema: {
        tags,
        operationId: 'getScriptModel',
        summary: "The script model in use, the last published one, and officers' labels",
        response: { 200: ScriptModelInfo, 403: ErrorBody },
      },
    },
    async (req) => scriptModelInfo(db, actorOf(req)),
  );

  app.post(
    '/api/v1/script/labels',
    {
      schema: {
        tags,
        operationId: 'addScriptLabel',
        summary: 'Label a text with its true fraud type or "normal" (误报); used at the next publish',
        body: ScriptLabelInput,
        response: { 200: Type.Object({ id: Type.Integer() }), 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => addScriptLabel(db, actorOf(req), req.body),
  );

  app.post(
    '/api/v1/script/model/publish',
    {
      schema: {
        tags,
        operationId: 'publishScriptModel',
        summary: 'Retrain on the corpus plus all labels and publish the model (a person decides)',
        body: PublishScriptModel,
        response: { 200: ScriptModelInfo, 403: ErrorBody },
      },
    },
    async (req) => publishScriptModel(db, actorOf(req), req.body.note),
  );

  app.post(
    '/api/v1/script/proposals/:id',
    {
      schema: {
        tags,
        operationId: 'decideScriptLabelProposal',
        summary: "Confirm (optionally correcting the type) or reject a closed warning's text proposed as a label",
        params: ProposalParams,
        body: DecideProposal,
        response: { 200: ProposalDecided, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => decideProposal(db, actorOf(req), Number(req.params.id), req.body),
  );
};
