import multipart from '@fastify/multipart';
import type { ServerResponse } from 'node:http';
import { Type } from 'typebox';
import { ErrorBody, IdParams } from '../../../contract/common.ts';
import {
  ActionResult,
  Assignees,
  DispatchResults,
  DissuasionConfigView,
  EnteredWarning,
  OkResult,
  UnitSettingsView,
  WarnedThenDefraudedStats,
  BoardPage,
  BoardQuery,
  CaseIntakeList,
  FollowupList,
  VictimReported,
  VoiceCallbackResult,
  WorkflowDetail,
  BulkDispatch,
  CaseIntakeQuery,
  CaseIntakeTake,
  DissuasionConfigBody,
  VictimReport,
  FollowupQuery,
  FollowupRecord,
  ImportReport,
  NewWarning,
  StatsQuery,
  UnitSettings,
  UpstreamPush,
  WarningAction,
} from '../../../contract/dissuasion.ts';
import { assertCan } from '../../platform/auth/actor.ts';
import { invalid } from '../../platform/errors.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import './plugin.ts'; // app.dissuasion
import * as svc from './service.ts';
import * as victims from './victims-service.ts';
import * as units from './unit-service.ts';
import { UnmaskQuery } from '../../../contract/access.ts';

export const dissuasionRoutes: RouteModule = (app) => {
  // built and started by the dissuasion plugin (plugin.ts), registered before these routes (server/app.ts)
  const rt = app.dissuasion;
  const streams = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const s of streams) s.end();
  });
  const tags = ['dissuasion'];

  app.post(
    '/api/v1/warnings/:id/actions',
    {
      schema: { tags, params: IdParams, body: WarningAction, response: { 200: ActionResult } },
    },
    async (req) => svc.act(rt, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/warnings/:id/tasks/:taskId/done',
    {
      schema: {
        tags,
        params: Type.Object(
          { id: Type.String({ maxLength: 64 }), taskId: Type.String({ maxLength: 64 }) },
          { additionalProperties: false },
        ),
        response: { 200: OkResult },
      },
    },
    async (req) => svc.completeTask(rt, actorOf(req), req.params.id, req.params.taskId),
  );

  app.get(
    '/api/v1/warnings/:id/assignees',
    { schema: { tags, params: IdParams, response: { 200: Assignees } } },
    async (req) => svc.assignees(rt, actorOf(req), req.params.id),
  );

  // time limits per level and follow-up days: read by anyone on the workflow, changed by the centre (rules:write)
  app.get('/api/v1/dissuasion/config', { schema: { tags, response: { 200: DissuasionConfigView } } }, async (req) =>
    svc.getConfig(rt, actorOf(req)),
  );
  app.put(
    '/api/v1/dissuasion/config',
    { schema: { tags, body: DissuasionConfigBody, response: { 200: DissuasionConfigView } } },
    async (req) => svc.putConfig(rt, actorOf(req), req.body),
  );

  app.post(
    '/api/v1/warnings/dispatch',
    { schema: { tags, body: BulkDispatch, response: { 200: DispatchResults } } },
    async (req) => svc.bulkDispatch(rt, actorOf(req), req.body.ids, req.body.unitId),
  );

  app.get(
    '/api/v1/warnings/:id/workflow',
    { schema: { tags, params: IdParams, querystring: UnmaskQuery, response: { 200: WorkflowDetail } } },
    async (req) => svc.workflowDetail(rt, actorOf(req), req.params.id, req.query.unmask),
  );

  // the centre board: the scoped warning list plus countdowns; `open` hides closed ones, `routed=false` is the manual queue
  app.get(
    '/api/v1/warnings/board',
    { schema: { tags, querystring: BoardQuery, response: { 200: BoardPage } } },
    async (req) => svc.board(rt, actorOf(req), req.query),
  );

  app.post(
    '/api/v1/warnings',
    { schema: { tags, body: NewWarning, response: { 200: EnteredWarning, 201: EnteredWarning, 202: EnteredWarning } } },
    async (req, reply) => {
      const r = await svc.enterWarning(rt, actorOf(req), req.body, 'manual');
      return reply.status(r.created ? 201 : r.forwarded ? 202 : 200).send(r);
    },
  );

  // upstream (national/provincial) pushes: JSON {items} here, or a CSV/XLSX file on the multipart route below
  app.post(
    '/api/v1/warnings/upstream',
    { schema: { tags, body: UpstreamPush, response: { 200: ImportReport } } },
    async (req) => svc.importUpstream(rt, actorOf(req), req.body.items),
  );
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
    scope.post(
      '/api/v1/warnings/upstream/file',
      { schema: { tags, consumes: ['multipart/form-data'], response: { 200: ImportReport } } },
      async (req) => {
        const actor = actorOf(req);
        assertCan(actor, 'warnings:write');
        const file = await req.file().catch(() => undefined);
        if (!file) throw invalid('file', 'upload a CSV or XLSX file in the field "file"');
        return svc.importUpstreamFile(rt, actor, await file.toBuffer());
      },
    );
  });

  // voice gateway callbacks: signed, so public (no session); idempotent by callId
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json'); // the signature covers the raw text: keep it
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    scope.post(
      '/api/v1/channels/voice/callback',
      {
        config: { public: true },
        schema: {
          tags,
          hide: true,
          response: { 200: VoiceCallbackResult, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
        },
      },
      async (req, reply) => {
        const r = await svc.voiceCallback(rt, req.headers, String(req.body ?? ''), Date.now());
        return reply.status(r.status).send(r.body);
      },
    );
  });

  // officer notifications, live: scoped to the user's unit subtree, plus notices addressed to them
  app.get('/api/v1/notifications/stream', { schema: { tags, hide: true } }, async (req, reply) => {
    const actor = actorOf(req);
    assertCan(actor, 'warnings:read');
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 3000\n: connected\n\n`);
    streams.add(res);
    const off = rt.hub.subscribe({
      userId: actor.id,
      unitPath: actor.unitPath,
      send: (n) => res.write(`event: ${n.kind}\ndata: ${JSON.stringify(n)}\n\n`),
    });
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    const done = () => {
      clearInterval(ping);
      off();
      streams.delete(res);
    };
    req.raw.on('close', done);
    res.on('close', done);
  });

  app.get(
    '/api/v1/followups',
    { schema: { tags, querystring: FollowupQuery, response: { 200: FollowupList } } },
    async (req) => units.listFollowups(rt, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/followups/:id',
    { schema: { tags, params: IdParams, body: FollowupRecord, response: { 200: OkResult } } },
    async (req) => units.recordFollowup(rt, actorOf(req), req.params.id, req.body.record),
  );

  // 已被骗 ↔ cases: a victim known from a case or a report runs the 预警后被骗 check; intake requests for the case module
  app.post(
    '/api/v1/victims',
    { schema: { tags, body: VictimReport, response: { 201: VictimReported } } },
    async (req, reply) => reply.status(201).send(await victims.reportVictim(rt, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/case-intake',
    { schema: { tags, querystring: CaseIntakeQuery, response: { 200: CaseIntakeList } } },
    async (req) => victims.listCaseIntakes(rt, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/case-intake/:id/take',
    { schema: { tags, params: IdParams, body: CaseIntakeTake, response: { 200: OkResult } } },
    async (req) => victims.takeCaseIntake(rt, actorOf(req), req.params.id, req.body.caseRef),
  );

  app.get(
    '/api/v1/stats/warned-then-defrauded',
    { schema: { tags, querystring: StatsQuery, response: { 200: WarnedThenDefraudedStats } } },
    async (req) => units.warnedThenDefrauded(rt, actorOf(req), req.query.from, req.query.to),
  );

  app.put(
    '/api/v1/units/:id/notification-settings',
    { schema: { tags, params: IdParams, body: UnitSettings, response: { 200: UnitSettingsView } } },
    async (req) => units.putUnitSettings(rt, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/units/:id/notification-settings',
    { schema: { tags, params: IdParams, response: { 200: UnitSettingsView } } },
    async (req) => units.getUnitSettings(rt, actorOf(req), req.params.id),
  );
};
