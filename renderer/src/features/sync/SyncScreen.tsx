import { Card, Spin, Typography } from 'antd';
import { useIsMutating } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Role } from '@shared/api/common';
import { canReadSyncRecords, isAdmin } from '../../app/permissions';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { EnrolCard, enrolMutationKey } from './EnrolCard';
import { OfflinePackageCard } from './OfflinePackageCard';
import { SyncConflictsTable } from './SyncConflictsTable';
import { SyncHistoryTable } from './SyncHistoryTable';
import { SyncStatusCard } from './SyncStatusCard';
import { useSyncStatus } from './use-sync-status';

/**
 * `/sync`: the link to the hub for everyone; enrolment, the hub address and offline packages
 * for admins; the run history and the hub's conflicts for admins and leaders.
 */
export function SyncScreen({ role }: { role: Role }) {
  const { t } = useTranslation();
  const status = useSyncStatus();
  const admin = isAdmin(role);
  const enrolled = Boolean(status.data?.terminal);
  // Enrolment saves the credentials before its first sync: the form stays until both are done.
  const enrolling = useIsMutating({ mutationKey: enrolMutationKey }) > 0;

  return (
    <div className="page page-scroll" data-testid="sync-screen">
      <Card className="page-section">
        <Typography.Title level={4} className="page-title">
          {t('sync.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="page-subtitle sync-subtitle">
          {t('sync.subtitle')}
        </Typography.Paragraph>
        <ErrorAlert error={status.error ?? undefined} />
        {status.isPending ? <Spin /> : null}
      </Card>
      {status.data ? (
        <>
          <SyncStatusCard status={status.data} admin={admin} enrolling={enrolling} />
          {admin && (!enrolled || enrolling) ? <EnrolCard /> : null}
          {admin && enrolled && !enrolling ? <OfflinePackageCard /> : null}
        </>
      ) : null}
      {canReadSyncRecords(role) ? (
        <>
          <SyncHistoryTable />
          <SyncConflictsTable />
        </>
      ) : null}
    </div>
  );
}
