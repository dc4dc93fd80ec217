import { ErrorBody, IdParams } from '../../../contract/common.ts';
import {
  Breakdown,
  BreakdownQuery,
  DrillPage,
  DrillQuery,
  KpiQuery,
  KpiResponse,
  Ranking,
  RankingQuery,
  RankingWeights,
  ReportDoc,
  ReportList,
  ReportRequest,
  Trend,
  TrendQuery,
} from '../../../contract/stats.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import { drillWorkbook, kpisWorkbook, XLSX } from './export.ts';
import * as svc from './service.ts';
import { subscribeStats } from './subscribers.ts';

export const statsRoutes: RouteModule = (app, { db }) => {
  const tags = ['stats'];
  subscribeStats();
  const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };

  app.get(
    '/api/v1/stats/kpis',
    {
      schema: {
        tags,
        operationId: 'statsKpis',
        summary: 'Headline KPIs of a unit and period with 同比 (previous year) and 环比 (previous period)',
        querystring: KpiQuery,
        response: { 200: KpiResponse, ...errors },
      },
    },
    async (req) => svc.getKpis(db, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/stats/kpis/export',
    {
      schema: {
        tags,
        operationId: 'statsKpisExport',
        summary: 'The KPI table as Excel (audited)',
        querystring: KpiQuery,
        produces: [XLSX],
      },
    },
    async (req, reply) => {
      const { body, fileName } = await kpisWorkbook(db, actorOf(req), req.query);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(body);
    },
  );

  app.get(
    '/api/v1/stats/breakdown',
    {
      schema: {
        tags,
        operationId: 'statsBreakdown',
        summary: 'One metric by fraud type, age band, channel, level, source, …',
        querystring: BreakdownQuery,
        response: { 200: Breakdown, ...errors },
      },
    },
    async (req) => svc.getBreakdown(db, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/stats/trend',
    {
      schema: {
        tags,
        operationId: 'statsTrend',
        summary: 'Metrics per day / week / month',
        querystring: TrendQuery,
        response: { 200: Trend, ...errors },
      },
    },
    async (req) => svc.getTrend(db, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/stats/ranking',
    {
      schema: {
        tags,
        operationId: 'statsRanking',
        summary: "考评: the unit's child jurisdictions by weighted score",
        querystring: RankingQuery,
        response: { 200: Ranking, ...errors },
      },
    },
    async (req) => svc.getRanking(db, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/stats/ranking/weights',
    {
      schema: {
        tags,
        operationId: 'statsWeights',
        summary: 'The ranking weights in force',
        response: { 200: RankingWeights },
      },
    },
    async (req) => {
      actorOf(req);
      return { weights: await svc.getWeights(db) };
    },
  );

  app.put(
    '/api/v1/stats/ranking/weights',
    {
      schema: {
        tags,
        operationId: 'statsPutWeights',
        summary: 'Set the ranking weights (0–100 each)',
        body: RankingWeights,
        response: { 200: RankingWeights, ...errors },
      },
    },
    async (req) => ({ weights: await svc.putWeights(db, actorOf(req), req.body.weights) }),
  );

  app.get(
    '/api/v1/stats/drill',
    {
      schema: {
        tags,
        operationId: 'statsDrill',
        summary: 'The records behind a figure (scoped, masked unless unmask + X-Purpose, audited)',
        querystring: DrillQuery,
        response: { 200: DrillPage, ...errors },
      },
    },
    async (req) => svc.drill(db, actorOf(req), req.query),
  );

  app.get(
    '/api/v1/stats/drill/export',
    {
      schema: {
        tags,
        operationId: 'statsDrillExport',
        summary: 'The records behind a figure as Excel (≤ 10,000 rows, audited)',
        querystring: DrillQuery,
        produces: [XLSX],
      },
    },
    async (req, reply) => {
      const { body, fileName } = await drillWorkbook(db, actorOf(req), req.query);
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(body);
    },
  );

  app.post(
    '/api/v1/stats/reports',
    {
      schema: {
        tags,
        operationId: 'statsGenerateReport',
        summary: 'Generate (or regenerate) a weekly / monthly report',
        body: ReportRequest,
        response: { 201: ReportDoc, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.generateReport(db, actorOf(req), req.body, Date.now())),
  );

  app.get(
    '/api/v1/stats/reports',
    {
      schema: {
        tags,
        operationId: 'statsReports',
        summary: 'Generated reports kept for download',
        response: { 200: ReportList },
      },
    },
    async (req) => svc.listReports(db, actorOf(req)),
  );

  app.get(
    '/api/v1/stats/reports/:id',
    {
      schema: {
        tags,
        operationId: 'statsReport',
        summary: 'One generated report',
        params: IdParams,
        response: { 200: ReportDoc, ...errors },
      },
    },
    async (req) => svc.getReport(db, actorOf(req), req.params.id),
  );
};
