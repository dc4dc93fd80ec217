import './subscribers.ts';
import { ErrorBody } from '../../../contract/common.ts';
import {
  BacktestJob,
  BacktestJobParams,
  BacktestRequest,
  BacktestResult,
  BuiltinRuleList,
  FitWeightsRequest,
  FitWeightsResult,
  StoredBacktestRequest,
  ScriptModelBacktestRequest,
  StoredScriptModelBacktestRequest,
  PutRuleConfig,
  RuleConfigHistory,
  RuleConfigVersion,
} from '../../../contract/rules.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import { builtinRules, GLOBAL_CONFIG_SECTIONS } from './catalogue.ts';
import {
  backtestDraft,
  backtestScriptModel,
  startStoredScriptModelBacktest,
  fitWeightsDraft,
  getRuleConfig,
  putRuleConfig,
  ruleConfigHistory,
  startStoredBacktest,
  storedBacktestJob,
} from './service.ts';
import { dateClock } from '../../platform/clock.ts';

export const ruleRoutes: RouteModule = (app, { db, clock }) => {
  const tags = ['rules'];
  app.get(
    '/api/v1/rules',
    {
      schema: { tags, response: { 200: BuiltinRuleList } },
    },
    async (req) => {
      actorOf(req);
      return { items: builtinRules(), globalSections: GLOBAL_CONFIG_SECTIONS };
    },
  );

  app.get(
    '/api/v1/rules/config',
    {
      schema: { tags, response: { 200: RuleConfigVersion, 403: ErrorBody } },
    },
    async (req) => getRuleConfig(db, actorOf(req)),
  );

  app.get(
    '/api/v1/rules/config/history',
    {
      schema: { tags, response: { 200: RuleConfigHistory, 403: ErrorBody } },
    },
    async (req) => ruleConfigHistory(db, actorOf(req)),
  );

  app.put(
    '/api/v1/rules/config',
    {
      schema: { tags, body: PutRuleConfig, response: { 200: RuleConfigVersion, 400: ErrorBody, 403: ErrorBody } },
    },
    async (req) => putRuleConfig(db, actorOf(req), req.body),
  );

  app.post(
    '/api/v1/rules/backtest',
    {
      schema: {
        tags,
        operationId: 'backtestRuleConfig',
        summary: 'Replay a simulated city against a draft configuration: warnings gained and lost per type and level',
        body: BacktestRequest,
        response: { 200: BacktestResult, 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => backtestDraft(db, actorOf(req), req.body),
  );

  app.post(
    '/api/v1/rules/backtest/stored',
    {
      schema: {
        tags,
        operationId: 'startStoredBacktest',
        summary:
          'Replay the stored events of a period (at most 31 days) against a draft configuration, in the background',
        body: StoredBacktestRequest,
        response: { 202: BacktestJob, 400: ErrorBody, 403: ErrorBody, 409: ErrorBody },
      },
    },
    async (req, reply) => reply.code(202).send(await startStoredBacktest(db, actorOf(req), req.body)),
  );

  app.post(
    '/api/v1/rules/backtest/script-model',
    {
      schema: {
        tags,
        operationId: 'backtestScriptModel',
        summary:
          'Replay a simulated city with the draft script model (corpus + every label, unpublished) against the one in use',
        body: ScriptModelBacktestRequest,
        response: { 200: BacktestResult, 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => backtestScriptModel(db, actorOf(req), req.body),
  );

  app.post(
    '/api/v1/rules/backtest/script-model/stored',
    {
      schema: {
        tags,
        operationId: 'startStoredScriptModelBacktest',
        summary:
          'Replay the stored events of a period (at most 31 days) with the draft script model against the one in use',
        body: StoredScriptModelBacktestRequest,
        response: { 202: BacktestJob, 400: ErrorBody, 403: ErrorBody, 409: ErrorBody },
      },
    },
    async (req, reply) => reply.code(202).send(await startStoredScriptModelBacktest(db, actorOf(req), req.body)),
  );

  app.get(
    '/api/v1/rules/backtest/jobs/:id',
    {
      schema: {
        tags,
        operationId: 'getStoredBacktest',
        summary: "A stored-period backtest's progress, then its result",
        params: BacktestJobParams,
        response: { 200: BacktestJob, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => storedBacktestJob(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/rules/fit-weights',
    {
      schema: {
        tags,
        operationId: 'fitRuleWeights',
        summary:
          "Fit rule weights on closed warnings' dispositions: a draft configuration and its backtest (not stored)",
        body: FitWeightsRequest,
        response: { 200: FitWeightsResult, 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => fitWeightsDraft(db, actorOf(req), req.body, dateClock(clock)),
  );
};
