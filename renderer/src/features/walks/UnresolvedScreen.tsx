import { useMemo, useState } from 'react';
import { Button, Card, Space, Spin, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { ColumnDef } from '@tanstack/react-table';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Finding, UnresolvedReport } from '@shared/api/walks';
import { useClient } from '../../app/engine-context';
import { canRunWalks } from '../../app/permissions';
import { queryKeys } from '../../app/query-keys';
import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { RectificationDialog } from './RectificationDialog';
import { TakeOverDialog } from './TakeOverDialog';
import { UnresolvedDialog } from './UnresolvedDialog';
import { useCurrentUser } from './use-current-user';

/** `/unresolved`: reports of what could not be done at the window, open ones first. */
export function UnresolvedScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const user = useCurrentUser();
  const leader = user !== undefined && canRunWalks(user.role);
  const userId = user?.id;
  const [filing, setFiling] = useState(false);
  const [taking, setTaking] = useState<UnresolvedReport>();
  const [raising, setRaising] = useState<Finding>();
  const input = {};
  const reports = useQuery({
    queryKey: queryKeys.unresolvedList(input),
    queryFn: () => client.unresolved.list(input),
  });
  // A leader's own findings from reports, so a taken-over report can go on to a rectification.
  const findingsInput = {};
  const findings = useQuery({
    queryKey: queryKeys.findingList(findingsInput),
    queryFn: () => client.findings.list(findingsInput),
    enabled: leader,
  });
  const findingById = useMemo(
    () => new Map((findings.data ?? []).map((finding) => [finding.id, finding])),
    [findings.data],
  );

  const columns = useMemo<ColumnDef<UnresolvedReport>[]>(
    () => [
      {
        header: t('unresolved.columns.filedAt'),
        id: 'filedAt',
        cell: ({ row: { original: report } }) => (
          <Space orientation="vertical" size={0}>
            <span className="nowrap">{formatDateTime(report.filedAt)}</span>
            <Typography.Text type="secondary">{report.filedBy}</Typography.Text>
          </Space>
        ),
      },
      {
        header: t('unresolved.columns.matter'),
        id: 'matter',
        cell: ({ row: { original: report } }) => (
          <Space orientation="vertical" size={0}>
            <Typography.Text strong>{report.matterName}</Typography.Text>
            <Typography.Text type="secondary">{report.unitName}</Typography.Text>
            {report.caseId !== null ? (
              <Link to={`/cases/${String(report.caseId)}`}>{t('unresolved.case')}</Link>
            ) : null}
          </Space>
        ),
      },
      {
        header: t('unresolved.columns.need'),
        id: 'need',
        cell: ({ row: { original: report } }) => (
          <Typography.Text className="cell-clamp">{report.need}</Typography.Text>
        ),
      },
      {
        header: t('unresolved.columns.reason'),
        id: 'reason',
        cell: ({ row: { original: report } }) => (
          <Typography.Text className="cell-clamp">{report.reason}</Typography.Text>
        ),
      },
      {
        header: t('unresolved.columns.state'),
        id: 'state',
        cell: ({ row: { original: report } }) =>
          report.findingId === null ? (
            <Tag color="gold" data-testid="unresolved-state" data-state="open">
              {t('unresolved.open')}
            </Tag>
          ) : (
            <Tag color="green" data-testid="unresolved-state" data-state="taken">
              {t('unresolved.takenOver', { name: report.takenOverBy ?? '' })}
            </Tag>
          ),
      },
      {
        header: t('common.actions'),
        id: 'actions',
        cell: ({ row: { original: report } }) => {
          if (!leader) return null;
          if (report.findingId === null)
            return (
              <Button
                size="small"
                type="primary"
                onClick={() => {
                  setTaking(report);
                }}
                data-testid="unresolved-take-over"
              >
                {t('unresolved.takeOver')}
              </Button>
            );
          const finding = findingById.get(report.findingId);
          return finding && finding.leaderId === userId ? (
            <Button
              size="small"
              onClick={() => {
                setRaising(finding);
              }}
              data-testid="unresolved-raise"
            >
              {t('unresolved.raise')}
              {finding.rectificationCount > 0 ? ` (${String(finding.rectificationCount)})` : ''}
            </Button>
          ) : null;
        },
      },
    ],
    [t, leader, findingById, userId],
  );

  return (
    <div className="page page-scroll" data-testid="unresolved-screen">
      <Card className="page-section">
        <div className="page-toolbar">
          <Typography.Title level={4} className="page-title">
            {t('unresolved.title')}
          </Typography.Title>
          <span className="page-toolbar-spacer" />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setFiling(true);
            }}
            data-testid="unresolved-file"
          >
            {t('unresolved.file')}
          </Button>
        </div>
        <Typography.Paragraph type="secondary" className="page-subtitle">
          {t('unresolved.subtitle')}
        </Typography.Paragraph>
        <ErrorAlert error={reports.error ?? findings.error ?? undefined} />
        {reports.isPending ? (
          <Spin />
        ) : (
          <DataTable
            data={reports.data ?? []}
            columns={columns}
            getRowId={(report) => String(report.id)}
            empty={<EmptyState title={t('unresolved.empty')} hint={t('unresolved.emptyHint')} />}
            testId="unresolved-table"
            rowTestId="unresolved-row"
            caption={t('unresolved.title')}
          />
        )}
      </Card>
      {filing ? (
        <UnresolvedDialog
          onClose={() => {
            setFiling(false);
          }}
        />
      ) : null}
      {taking ? (
        <TakeOverDialog
          report={taking}
          onClose={() => {
            setTaking(undefined);
          }}
          onTaken={(finding) => {
            setTaking(undefined);
            setRaising(finding);
          }}
        />
      ) : null}
      {raising ? (
        <RectificationDialog
          finding={raising}
          onClose={() => {
            setRaising(undefined);
          }}
        />
      ) : null}
    </div>
  );
}
