// The audit log as an XLSX workbook (GET /api/v1/audit/export): the reader's rows for a filter, details as JSON text,
// the file named by the day. The export itself is recorded by exportAuditLog.
import type { Actor } from '../../platform/auth/actor.ts';
import { systemClock, type Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/index.ts';
import { writeXlsx } from '../../platform/xlsx.ts';
import { exportAuditLog } from './service.ts';

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

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function auditWorkbook(
  db: Db,
  actor: Actor,
  filter: Parameters<typeof exportAuditLog>[2],
  clock: Clock = systemClock,
): Promise<{ body: Buffer; fileName: string }> {
  const rows = await exportAuditLog(db, actor, filter);
  const body = await writeXlsx(
    '审计日志',
    COLUMNS,
    (async function* () {
      for await (const r of rows) yield { ...r, details: r.details ? JSON.stringify(r.details) : '' };
    })(),
  );
  return { body, fileName: `audit-${new Date(clock()).toISOString().slice(0, 10)}.xlsx` };
}
