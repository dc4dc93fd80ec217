// audit's public surface: write an audit row in the caller's transaction; read the log.
export {
  audit,
  auditMany,
  readAuditLog,
  exportAuditLog,
  searchAudit,
  type AuditAction,
  type AuditEntry,
  type AuditQuery,
  type AuditRecord,
} from './service.ts';
