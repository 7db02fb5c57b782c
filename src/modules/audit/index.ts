export { recordAudit, listAudit, type AuditEntry, type AuditInput } from './audit.ts';
