// The audit module's public surface: write an audit row in the caller's transaction.
export { audit, auditMany, type AuditAction, type AuditEntry } from './service.ts';
