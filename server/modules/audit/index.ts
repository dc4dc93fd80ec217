// The audit module's public surface for other modules (minimal: add what another module needs).
export { audit, auditMany, type AuditEntry, type AuditAction } from './service.ts';
