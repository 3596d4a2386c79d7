import { useMemo, useState } from 'react';
import { App, Button, Space, Spin, Tag, Typography } from 'antd';
import { KeyOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import type { EnrolmentCodeRow, Hall } from '@shared/hub/admin';
import { useHubQuery } from '../api/console-context';
import { DataTable } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';
import { PageSection } from '../ui/PageSection';
import { CreateHallDialog } from './CreateHallDialog';
import { IssueCodeDialog, type IssuedCode } from './IssueCodeDialog';
import { IssuedCodeDialog } from './IssuedCodeDialog';

const stateColors: Record<EnrolmentCodeRow['state'], string> = {
  open: 'green',
  used: 'default',
  expired: 'red',
};

/** 大厅与注册码: the halls, a new hall, a one-time code for a hall, and the codes issued. */
export function HallsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const halls = useHubQuery('halls', {});
  const codes = useHubQuery('enrolmentCodes', {});
  const [creating, setCreating] = useState(false);
  const [issuingFor, setIssuingFor] = useState<{ hallId: string | undefined }>();
  const [issued, setIssued] = useState<IssuedCode>();

  const hallName = useMemo(() => {
    const names = new Map((halls.data ?? []).map((hall) => [hall.id, hall.name]));
    return (id: string): string => names.get(id) ?? id;
  }, [halls.data]);

  const hallColumns = useMemo<ColumnDef<Hall>[]>(
    () => [
      {
        header: t('halls.name'),
        id: 'name',
        cell: ({ row: { original: hall } }) => (
          <Typography.Text strong>{hall.name}</Typography.Text>
        ),
      },
      {
        header: t('halls.id'),
        id: 'id',
        cell: ({ row: { original: hall } }) => <span className="mono">{hall.id}</span>,
      },
      { header: t('halls.terminals'), id: 'terminals', accessorFn: (hall) => hall.terminals },
      {
        header: t('halls.createdAt'),
        id: 'createdAt',
        cell: ({ row: { original: hall } }) => (
          <span className="nowrap">{formatDateTime(hall.createdAt)}</span>
        ),
      },
      {
        header: t('common.actions'),
        id: 'actions',
        cell: ({ row: { original: hall } }) => (
          <Button
            size="small"
            icon={<KeyOutlined />}
            onClick={() => {
              setIssuingFor({ hallId: hall.id });
            }}
            data-testid="hall-issue-code"
          >
            {t('halls.issue')}
          </Button>
        ),
      },
    ],
    [t],
  );

  const codeColumns = useMemo<ColumnDef<EnrolmentCodeRow>[]>(
    () => [
      {
        header: t('codes.hall'),
        id: 'hall',
        cell: ({ row: { original: code } }) => hallName(code.hallId),
      },
      {
        header: t('codes.note'),
        id: 'note',
        cell: ({ row: { original: code } }) => code.note || t('common.none'),
      },
      {
        header: t('codes.stateTitle'),
        id: 'state',
        cell: ({ row: { original: code } }) => (
          <Tag color={stateColors[code.state]} data-testid="code-state" data-state={code.state}>
            {t(`codes.state.${code.state}`)}
          </Tag>
        ),
      },
      {
        header: t('codes.createdBy'),
        id: 'createdBy',
        accessorFn: (code) => code.createdBy,
      },
      {
        header: t('codes.createdAt'),
        id: 'createdAt',
        cell: ({ row: { original: code } }) => (
          <span className="nowrap">{formatDateTime(code.createdAt)}</span>
        ),
      },
      {
        header: t('codes.expires'),
        id: 'expiresAt',
        cell: ({ row: { original: code } }) => (
          <span className="nowrap">{formatDateTime(code.expiresAt)}</span>
        ),
      },
      {
        header: t('codes.usedBy'),
        id: 'usedBy',
        cell: ({ row: { original: code } }) =>
          code.usedByTerminal ? (
            <Space orientation="vertical" size={0}>
              <span className="mono">{code.usedByTerminal}</span>
              <Typography.Text type="secondary">{formatDateTime(code.usedAt)}</Typography.Text>
            </Space>
          ) : (
            t('common.none')
          ),
      },
    ],
    [t, hallName],
  );

  return (
    <div className="page" data-testid="halls-page">
      <PageSection
        title={t('halls.title')}
        subtitle={t('halls.subtitle')}
        testId="halls-section"
        extra={
          <>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void halls.refetch()}
              loading={halls.isFetching}
            >
              {t('common.refresh')}
            </Button>
            <Button
              icon={<KeyOutlined />}
              disabled={(halls.data ?? []).length === 0}
              onClick={() => {
                setIssuingFor({ hallId: undefined });
              }}
            >
              {t('halls.issue')}
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setCreating(true);
              }}
              data-testid="hall-create"
            >
              {t('halls.create')}
            </Button>
          </>
        }
      >
        <ErrorAlert error={halls.error} />
        {halls.isPending ? (
          <Spin />
        ) : (
          <DataTable
            data={halls.data ?? []}
            columns={hallColumns}
            getRowId={(hall) => hall.id}
            empty={<EmptyState title={t('halls.empty')} hint={t('halls.emptyHint')} />}
            testId="halls-table"
            rowTestId="hall-row"
            caption={t('halls.title')}
          />
        )}
      </PageSection>
      <PageSection
        title={t('codes.title')}
        subtitle={t('codes.subtitle')}
        testId="codes-section"
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void codes.refetch()}
            loading={codes.isFetching}
          >
            {t('common.refresh')}
          </Button>
        }
      >
        <ErrorAlert error={codes.error} />
        {codes.isPending ? (
          <Spin />
        ) : (
          <DataTable
            data={codes.data ?? []}
            columns={codeColumns}
            getRowId={(code, index) => `${code.createdAt}/${String(index)}`}
            empty={<EmptyState title={t('codes.empty')} />}
            testId="codes-table"
            rowTestId="code-row"
            caption={t('codes.title')}
          />
        )}
      </PageSection>
      {creating ? (
        <CreateHallDialog
          onClose={() => {
            setCreating(false);
          }}
          onCreated={(hall) => {
            setCreating(false);
            void message.success(t('halls.created', { name: hall.name }));
          }}
        />
      ) : null}
      {issuingFor ? (
        <IssueCodeDialog
          halls={halls.data ?? []}
          hallId={issuingFor.hallId}
          onClose={() => {
            setIssuingFor(undefined);
          }}
          onIssued={(code) => {
            setIssuingFor(undefined);
            setIssued(code);
          }}
        />
      ) : null}
      {issued ? (
        <IssuedCodeDialog
          issued={issued}
          hallName={hallName(issued.hallId)}
          onClose={() => {
            setIssued(undefined);
          }}
        />
      ) : null}
    </div>
  );
}
