export { exportBackup, importBackup, BACKUP_FORMAT, BACKUP_VERSION, type BackupCounts } from './backup.service.ts';
