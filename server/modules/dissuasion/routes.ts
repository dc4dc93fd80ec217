import multipart from '@fastify/multipart';
import type { ServerResponse } from 'node:http';
import { Type } from 'typebox';
import { IdParams } from '../../../contract/common.ts';
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
  type NewWarning as NewWarningT,
} from '../../../contract/dissuasion.ts';
import { assertCan, SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { invalid } from '../../platform/errors.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import { parseCallback } from '../channels/index.ts';
import { pick, readTable } from '../residents/index.ts';
import { listWarnings } from '../warnings/index.ts';
import * as repo from './repository.ts';
import './plugin.ts'; // app.dissuasion
import * as svc from './service.ts';
import * as victims from './victims-service.ts';
import * as units from './unit-service.ts';
import { wantsUnmasked } from './personal.ts';
import { UnmaskQuery } from '../../../contract/access.ts';
import { applyCommand } from './transitions.ts';

export const dissuasionRoutes: RouteModule = (app, deps) => {
  const { db } = deps;
  // built and started by the dissuasion plugin (plugin.ts), registered before these routes (server/app.ts)
  const rt = app.dissuasion;
  const { channels } = rt;
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
    { schema: { tags, params: IdParams, querystring: UnmaskQuery } },
    async (req) => svc.workflowDetail(rt, actorOf(req), req.params.id, req.query.unmask),
  );

  // the centre board: the scoped warning list plus countdowns; `open` hides closed ones, `routed=false` is the manual queue
  app.get(
    '/api/v1/warnings/board',
    { schema: { tags, querystring: BoardQuery, response: { 200: BoardPage } } },
    async (req) => {
      const q = req.query;
      const unmask = wantsUnmasked(actorOf(req), q.unmask);
      const list = await listWarnings(db, actorOf(req), {
        ...(q.status ? { status: q.status } : {}),
        ...(q.level ? { level: q.level } : {}),
        ...(q.type ? { type: q.type } : {}),
        ...(q.unitId ? { unitId: q.unitId } : {}),
        ...(q.open ? { open: true } : {}),
        ...(q.routed !== undefined ? { routed: q.routed } : {}),
        pageSize: q.pageSize ?? 200,
        page: q.page ?? 1,
        unmask,
      });
      const items = list.items;
      const cd = await svc.countdownsFor(
        rt,
        items.map((w) => w.id),
      );
      const escalation = await svc.escalationsFor(
        rt,
        items.map((w) => w.id),
      );
      // what each row allows now (the station inbox shows its buttons without a request per warning)
      const now = rt.now();
      const ctx = (w: { level: string; unitId: string }) => ({
        now,
        level: w.level as 'high',
        sla: rt.sla,
        autoContactAttempts: 0,
        unitId: w.unitId,
      });
      return {
        items: items.map((w) => ({
          ...w,
          countdowns: cd[w.id] ?? [],
          escalationLevel: escalation.get(w.id) ?? 0,
          allowedActions: svc.allowedActions(w.status, ctx(w), actorOf(req)),
          closeDispositions: svc.closeDispositions(w.status, ctx(w)),
        })),
        total: list.total,
        now: new Date(now).toISOString(),
      };
    },
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
        const table = await readTable(await file.toBuffer());
        const items: NewWarningT[] = table.rows.map(({ values: v }) => {
          const level =
            ({ 高: 'high', 中: 'medium', 低: 'low' } as Record<string, NewWarningT['level']>)[
              pick(v, ['级别', 'level'])
            ] ?? (pick(v, ['级别', 'level']) as NewWarningT['level']);
          const s = {
            name: pick(v, ['姓名', 'name']),
            phone: pick(v, ['手机号', 'phone']),
            idNumber: pick(v, ['身份证号', 'id_number', 'idNumber']),
            address: pick(v, ['住址', 'address']),
          };
          return {
            level,
            fraudTypes: pick(v, ['诈骗类型', 'fraud_types', 'fraudTypes'])
              .split(/[;；,，]/)
              .map((x) => x.trim())
              .filter(Boolean),
            subject: Object.fromEntries(Object.entries(s).filter(([, x]) => x)) as NewWarningT['subject'],
            leads: pick(v, ['线索', 'leads'])
              .split(/[;；]/)
              .map((x) => x.trim())
              .filter(Boolean),
            ...(pick(v, ['编号', 'external_id', 'externalId'])
              ? { externalId: pick(v, ['编号', 'external_id', 'externalId']) }
              : {}),
            ...(pick(v, ['摘要', 'summary']) ? { summary: pick(v, ['摘要', 'summary']) } : {}),
          };
        });
        const report = await svc.importUpstream(
          rt,
          actor,
          items.filter((i) => ['high', 'medium', 'low'].includes(i.level)),
        );
        // rows with an unknown level never reached the service: report them with their file row numbers
        const badLevel = table.rows
          .filter((_, i) => !['high', 'medium', 'low'].includes(items[i]!.level))
          .map((r) => ({ row: r.rowNumber, ok: false, error: '级别 must be 高/中/低 or high/medium/low' }));
        return { imported: report.imported, rows: [...report.rows, ...badLevel] };
      },
    );
  });

  // voice gateway callbacks: signed, so public (no session); idempotent by callId
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json'); // the signature covers the raw text: keep it
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    scope.post(
      '/api/v1/channels/voice/callback',
      { config: { public: true }, schema: { tags, hide: true } },
      async (req, reply) => {
        if (!channels.voice)
          return reply.status(404).send({ error: 'not_found', message: 'voice gateway not configured' });
        const p = parseCallback(channels.voice.secret, req.headers, String(req.body ?? ''), Date.now());
        if (!p.ok)
          return reply
            .status(p.httpStatus)
            .send({ error: p.httpStatus === 401 ? 'unauthenticated' : 'validation_failed', message: p.reason });
        const a = await repo.findAttemptByExternal(db, 'voice', p.callback.callId);
        if (!a) return reply.status(404).send({ error: 'not_found', message: 'unknown callId' });
        const settled = await repo.settleAttempt(db, a.id, 'queued', {
          outcome: p.outcome,
          ok: p.callback.status === 'answered',
          resultAt: new Date(rt.now()),
          record: {
            status: p.callback.status,
            keys: p.callback.keys,
            durationSec: p.callback.durationSec,
            transferred: p.callback.transferred,
            ...(p.callback.reason ? { reason: p.callback.reason } : {}),
          },
        });
        if (!settled) return { ok: true, duplicate: true };
        const r = await applyCommand(rt, SYSTEM_ACTOR, a.warningId, {
          command: { type: 'auto_contact_result', outcome: p.outcome },
        });
        return { ok: true, duplicate: false, applied: r.ok };
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

  app.get('/api/v1/followups', { schema: { tags, querystring: FollowupQuery } }, async (req) =>
    units.listFollowups(rt, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/followups/:id',
    { schema: { tags, params: IdParams, body: FollowupRecord, response: { 200: OkResult } } },
    async (req) => units.recordFollowup(rt, actorOf(req), req.params.id, req.body.record),
  );

  // 已被骗 ↔ cases: a victim known from a case or a report runs the 预警后被骗 check; intake requests for the case module
  app.post('/api/v1/victims', { schema: { tags, body: VictimReport } }, async (req, reply) =>
    reply.status(201).send(await victims.reportVictim(rt, actorOf(req), req.body)),
  );
  app.get('/api/v1/case-intake', { schema: { tags, querystring: CaseIntakeQuery } }, async (req) =>
    victims.listCaseIntakes(rt, actorOf(req), req.query),
  );
  app.post('/api/v1/case-intake/:id/take', { schema: { tags, params: IdParams, body: CaseIntakeTake } }, async (req) =>
    victims.takeCaseIntake(rt, actorOf(req), req.params.id, req.body.caseRef),
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
