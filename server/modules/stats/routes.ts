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
import { writeXlsx } from '../../platform/xlsx.ts';
import { KPI_LABELS, DRILL_COLUMNS } from './labels.ts';
import * as svc from './service.ts';
import { subscribeStats } from './subscribers.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const fmt = (v: number | null) => (v === null ? '' : v);

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
      const k = await svc.exportKpis(db, actorOf(req), req.query);
      const body = await writeXlsx(
        '指标',
        [
          { header: '指标', key: 'label', width: 24 },
          { header: '本期', key: 'value', width: 14 },
          { header: '去年同期', key: 'previousYear', width: 14 },
          { header: '同比%', key: 'yoy', width: 10 },
          { header: '上期', key: 'previousPeriod', width: 14 },
          { header: '环比%', key: 'pop', width: 10 },
        ],
        k.kpis.map((x) => ({
          label: KPI_LABELS[x.key] ?? x.key,
          value: fmt(x.value),
          previousYear: fmt(x.previousYear),
          yoy: fmt(x.yoy),
          previousPeriod: fmt(x.previousPeriod),
          pop: fmt(x.pop),
        })),
      );
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="kpis-${req.query.from}-${req.query.to}.xlsx"`)
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
      const { items } = await svc.drill(db, actorOf(req), req.query, 10_000);
      const body = await writeXlsx(
        '明细',
        DRILL_COLUMNS,
        items.map((r) => ({ ...r, fraudTypes: r.fraudTypes.join('、') })),
      );
      return reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          `attachment; filename="drill-${req.query.kpi}-${req.query.from}-${req.query.to}.xlsx"`,
        )
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
