import { Type } from 'typebox';
import { AuditQuery, AuditRecord } from '../../../contract/access.ts';
import { actorOf, type RouteModule } from '../../platform/http/app.ts';
import { auditWorkbook, XLSX_TYPE } from './export.ts';
import { readAuditLog } from './service.ts';

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
        produces: [XLSX_TYPE],
      },
    },
    async (req, reply) => {
      const { page: _p, pageSize: _s, ...filter } = req.query;
      const { body, fileName } = await auditWorkbook(db, actorOf(req), filter);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(body);
    },
  );
};
