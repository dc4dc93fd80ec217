import { Type } from 'typebox';
import { AuditQuery, AuditRecord } from '../../../contract/access.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import { writeXlsx } from '../../platform/xlsx.ts';
import { exportAuditLog, readAuditLog } from './service.ts';

const COLUMNS = [
  { header: '时间 Time', key: 'at', width: 24 },
  { header: '操作人 Actor', key: 'actorName', width: 16 },
  { header: '角色 Role', key: 'actorRole', width: 16 },
  { header: '动作 Action', key: 'action', width: 14 },
  { header: '对象 Entity', key: 'entityType', width: 14 },
  { header: '对象ID Entity id', key: 'entityId', width: 38 },
  { header: '目的 Purpose', key: 'purpose', width: 24 },
  { header: 'IP', key: 'ip', width: 16 },
  { header: '详情 Details', key: 'details', width: 50 },
];

export const auditRoutes: RouteModule = (app, { db }) => {
  const tags = ['audit'];
  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags,
        querystring: AuditQuery,
        response: { 200: Type.Object({ items: Type.Array(AuditRecord), total: Type.Integer() }) },
      },
    },
    async (req) => readAuditLog(db, actorOf(req), req.query),
  );

  // The export is itself recorded (by the service): who took the log out, with which filter.
  app.get(
    '/api/v1/audit/export',
    {
      schema: {
        tags,
        querystring: AuditQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (req, reply) => {
      const { page: _p, pageSize: _s, ...filter } = req.query;
      const rows = await exportAuditLog(db, actorOf(req), filter);
      const buffer = await writeXlsx(
        '审计日志',
        COLUMNS,
        (async function* () {
          for await (const r of rows) yield { ...r, details: r.details ? JSON.stringify(r.details) : '' };
        })(),
      );
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.xlsx"`)
        .send(buffer);
    },
  );
};
