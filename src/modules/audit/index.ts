export {
  recordAudit,
  listAudit,
  readAuditLog,
  type AuditEntry,
  type AuditInput,
  type AuditLogPage,
} from './audit.service.ts';
