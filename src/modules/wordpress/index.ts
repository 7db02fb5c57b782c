export { importWordPress, importRunning, findLegacyRedirect, type ImportInput } from './wordpress-import.service.ts';
export { formatReport, noteText, skippedText, type ImportReport } from './wordpress-report.ts';
export { registerLegacyRedirects, redirectLegacyUrl } from './wordpress.redirects.ts';
export { exportWordPress, type ExportInput, type ExportSummary } from './wordpress-export.service.ts';
