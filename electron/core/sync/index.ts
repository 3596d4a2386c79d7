import type { MethodName } from '@shared/api';
import type { Handlers } from '../rpc/dispatcher';
import type { OfflinePackages } from './offline-packages';
import type { SyncService } from './sync-service';

export { CalendarStream, hubCalendarYears } from './calendar-stream';
export { ConflictStream } from './conflict-stream';
export { CredentialsStore, type HubCredentials } from './credentials-store';
export { DirectoryStream } from './directory-stream';
export { HubClient, HubRequestError, type FetchLike } from './hub-client';
export { KnowledgeStream } from './knowledge-stream';
export { hubModelOffers, ModelStream } from './model-stream';
export { HubRectificationRepository } from './hub-rectification-repository';
export { OfflinePackages } from './offline-packages';
export { OutboxQueue } from './outbox-queue';
export { RectificationStream } from './rectification-stream';
export { StreamPages } from './stream-pages';
export type { StreamApplier } from './stream-applier';
export { SyncRuns } from './sync-runs';
export { SyncService, defaultSyncSchedule, toApiError, type SyncSchedule } from './sync-service';

type SyncMethods = Extract<MethodName, `sync.${string}`>;

export function syncHandlers(
  sync: SyncService,
  packages: OfflinePackages,
): Pick<Handlers, SyncMethods> {
  return {
    'sync.status': () => sync.status(),
    'sync.enrol': ({ hubUrl, code, terminalName }) => sync.enrol(hubUrl, code, terminalName),
    'sync.setHubUrl': ({ hubUrl }) => sync.setHubUrl(hubUrl),
    'sync.leave': () => sync.leave(),
    'sync.now': () => sync.syncNow('manual'),
    'sync.history': ({ limit }) => sync.history(limit),
    'sync.conflicts': () => sync.conflicts(),
    'sync.exportPackage': () => packages.export(),
    'sync.importPackage': ({ content }) => packages.import(content),
  };
}
export { SyncConflicts } from './sync-conflicts';
