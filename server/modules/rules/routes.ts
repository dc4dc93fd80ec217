import { ErrorBody } from '../../../contract/common.ts';
import {
  BacktestRequest,
  BacktestResult,
  BuiltinRuleList,
  PutRuleConfig,
  RuleConfigHistory,
  RuleConfigVersion,
} from '../../../contract/rules.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import { builtinRules, GLOBAL_CONFIG_SECTIONS } from './catalogue.ts';
import { backtestDraft, getRuleConfig, putRuleConfig, ruleConfigHistory } from './service.ts';

export const ruleRoutes: RouteModule = (app, { db }) => {
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
};
