import type { Handlers } from '../rpc/dispatcher';
import type { BackupStore } from './backup-store';
import type { BackupSummary } from '@shared/api';

export { BackupStore, quarantineStore, BACKUP_FOLDER, QUARANTINE_FOLDER } from './backup-store';

export function backupHandlers(
  backups: BackupStore,
  backUpNow: () => BackupSummary,
): Pick<Handlers, 'backups.list' | 'backups.create'> {
  return {
    'backups.list': () => backups.list(),
    'backups.create': () => backUpNow(),
  };
}
