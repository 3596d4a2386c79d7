import { useTranslation } from 'react-i18next';
import type { SystemStatus } from '@shared/api/system';
import { useConnectionState, useEngine, useSessionState } from '../../app/engine-context';
import { pickText } from '../../ui/api-error';
import { formatBytes, formatDateTime } from '../../ui/format';
import { useLanguage } from '../../ui/use-language';
import { StatusItem, type Tone } from './StatusItem';
import { useSystemStatus } from './use-system-status';

const modelTones: Record<SystemStatus['model']['state'], Tone> = {
  none: 'idle',
  available: 'idle',
  loading: 'warn',
  loaded: 'ok',
  error: 'bad',
};
const networkTones: Record<SystemStatus['network']['state'], Tone> = {
  offline: 'warn',
  online: 'ok',
  not_configured: 'idle',
};
const connectionTones = { connecting: 'warn', open: 'ok', closed: 'bad' } as const;

function networkTone(network: SystemStatus['network']): Tone {
  if (network.state === 'online' && network.problem) return 'bad';
  return networkTones[network.state];
}

/** The router lives inside the signed-in shell, below this bar: the hash is its address. */
function openSyncScreen(): void {
  window.location.hash = '#/sync';
}

/** The bottom line: engine, database, model, network, connection and knowledge at a glance. */
export function StatusBar() {
  const { t } = useTranslation();
  const engine = useEngine();
  const connection = useConnectionState();
  const language = useLanguage();
  const signedIn = useSessionState().status === 'signedIn';
  const { data: status } = useSystemStatus();
  const unknown = t('statusBar.unknown');
  const network = status?.network;
  const configured = network !== undefined && network.state !== 'not_configured';

  return (
    <footer className="status-bar" data-testid="status-bar" aria-label={t('app.name')}>
      <StatusItem
        testId="status-engine"
        label={t('statusBar.engine')}
        tone={status ? 'ok' : 'idle'}
        value={`${t(`statusBar.modes.${status?.engine.mode ?? engine.mode}`)}${
          status ? ` · v${status.engine.version}` : ''
        }`}
        detail={
          status
            ? `PID ${status.engine.pid} · ${formatDateTime(status.engine.startedAt)}`
            : undefined
        }
      />
      <StatusItem
        testId="status-database"
        label={t('statusBar.database')}
        tone={status ? (status.database.ok ? 'ok' : 'bad') : 'idle'}
        value={
          status
            ? [
                status.database.ok ? t('statusBar.databaseOk') : t('statusBar.databaseError'),
                t('statusBar.schema', { version: status.database.schemaVersion }),
                formatBytes(status.database.sizeBytes),
              ].join(' · ')
            : unknown
        }
        detail={status ? `journal_mode=${status.database.journalMode}` : undefined}
      />
      <StatusItem
        testId="status-model"
        label={t('statusBar.model')}
        tone={status ? modelTones[status.model.state] : 'idle'}
        value={
          status
            ? `${t(`statusBar.models.${status.model.state}`)}${
                status.model.name && status.model.state !== 'none' ? ` · ${status.model.name}` : ''
              }`
            : unknown
        }
      />
      <StatusItem
        testId="status-network"
        label={t('statusBar.network')}
        tone={network ? networkTone(network) : 'idle'}
        value={
          network
            ? `${t(`statusBar.networks.${network.state}`)}${
                configured && network.pending > 0
                  ? ` · ${t('statusBar.pending', { count: network.pending })}`
                  : ''
              }`
            : unknown
        }
        detail={
          network && (configured || signedIn) ? (
            <div data-testid="status-network-detail">
              {configured ? (
                <>
                  {network.hubUrl ? (
                    <div>{t('statusBar.hubDetail', { url: network.hubUrl })}</div>
                  ) : null}
                  <div>{t('statusBar.pendingDetail', { count: network.pending })}</div>
                  <div>
                    {network.lastSyncAt
                      ? t('statusBar.lastSync', { at: formatDateTime(network.lastSyncAt) })
                      : t('statusBar.neverSynced')}
                  </div>
                  {network.problem ? (
                    <div className="status-detail-problem">
                      {pickText(network.problem, language)}
                    </div>
                  ) : null}
                </>
              ) : null}
              {signedIn ? (
                <div className="status-detail-hint">{t('statusBar.openSync')}</div>
              ) : null}
            </div>
          ) : undefined
        }
        onClick={signedIn ? openSyncScreen : undefined}
      />
      <StatusItem
        testId="status-connection"
        label={t('statusBar.connection')}
        tone={connectionTones[connection]}
        value={t(`statusBar.connections.${connection}`)}
      />
      <StatusItem
        testId="status-knowledge"
        label={t('statusBar.knowledge')}
        tone={status ? (status.knowledge.matters > 0 ? 'ok' : 'warn') : 'idle'}
        value={
          status
            ? t('statusBar.knowledgeCounts', {
                matters: status.knowledge.matters,
                entries: status.knowledge.entries,
              })
            : unknown
        }
        detail={
          status?.knowledge.lastImportAt
            ? t('statusBar.lastImport', { at: formatDateTime(status.knowledge.lastImportAt) })
            : undefined
        }
      />
    </footer>
  );
}
