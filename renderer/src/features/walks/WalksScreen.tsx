import { formatDate } from '../../ui/format';
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Segmented, Select, Space, Spin, Tag, Typography } from 'antd';
import { CalendarOutlined, PlayCircleOutlined } from '@ant-design/icons';
import type { ColumnDef } from '@tanstack/react-table';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '@shared/api/contract';
import { walkStatuses, type WalkStatus, type WalkSummaryRow } from '@shared/api/walks';
import { useClient } from '../../app/engine-context';
import { canRunWalks, isAdmin } from '../../app/permissions';
import { queryKeys } from '../../app/query-keys';
import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { AdminYearCard, MyYearCard } from './MyYearCard';
import { ScheduleWalkDialog } from './ScheduleWalkDialog';
import { StartWalkDialog } from './StartWalkDialog';
import { useCurrentUser } from './use-current-user';
import { unitsLedBy, useUnits } from './use-units';
import { walkChanged } from './walk-cache';
import { WalkStatusTag } from './WalkTags';
import { currentYear, yearOptions } from './year-options';

type Scope = 'mine' | 'all';

/** `/walks`: a leader's walks (or every walk, for an admin), planning and starting them. */
export function WalksScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { modal, message } = App.useApp();
  const user = useCurrentUser();
  const role = user?.role ?? 'clerk';
  const leader = canRunWalks(role);
  const admin = isAdmin(role);
  const units = useUnits();
  const myUnits = useMemo(() => unitsLedBy(units.data ?? [], user?.id), [units.data, user?.id]);
  const [scope, setScope] = useState<Scope>(leader ? 'mine' : 'all');
  const [year, setYear] = useState<number | undefined>(currentYear());
  const [unitId, setUnitId] = useState<number>();
  const [status, setStatus] = useState<WalkStatus>();
  const [dialog, setDialog] = useState<'schedule' | 'start'>();

  const input: MethodInput<'walks.list'> = {
    mine: scope === 'mine',
    ...(year === undefined ? {} : { year }),
    ...(unitId === undefined ? {} : { unitId }),
    ...(status === undefined ? {} : { status }),
  };
  const walks = useQuery({
    queryKey: queryKeys.walkList(input),
    queryFn: () => client.walks.list(input),
    placeholderData: keepPreviousData,
  });

  const start = useMutation({
    mutationFn: (walk: WalkSummaryRow) => client.walks.start({ walkId: walk.id }),
    onSuccess: async (detail) => {
      void message.success(t('walks.started'));
      await walkChanged(queryClient, detail);
      void navigate(`/walks/${String(detail.id)}`);
    },
  });
  const cancel = useMutation({
    mutationFn: (walk: WalkSummaryRow) => client.walks.cancel({ walkId: walk.id }),
    onSuccess: async (detail) => {
      void message.success(t('walks.cancelled'));
      await walkChanged(queryClient, detail);
    },
  });

  const columns = useMemo<ColumnDef<WalkSummaryRow>[]>(
    () => [
      {
        header: t('walks.columns.date'),
        id: 'date',
        cell: ({ row: { original: walk } }) => (
          <span className="nowrap">
            {(walk.startedAt ? formatDate(walk.startedAt) : walk.plannedDate) ?? '—'}
          </span>
        ),
      },
      {
        header: t('walks.columns.matter'),
        id: 'matter',
        cell: ({ row: { original: walk } }) => (
          <Space orientation="vertical" size={0}>
            <Typography.Text strong>{walk.matterName}</Typography.Text>
            {walk.caseReference ? (
              <Typography.Text type="secondary" className="mono">
                {walk.caseReference}
              </Typography.Text>
            ) : null}
          </Space>
        ),
      },
      { header: t('walks.columns.unit'), accessorKey: 'unitName' },
      { header: t('walks.columns.leader'), accessorKey: 'leaderName' },
      { header: t('walks.columns.hall'), accessorKey: 'hall' },
      {
        header: t('walks.columns.status'),
        id: 'status',
        cell: ({ row: { original: walk } }) => (
          <WalkStatusTag status={walk.status} testId="walk-row-status" />
        ),
      },
      {
        header: t('walks.columns.findings'),
        id: 'findings',
        cell: ({ row: { original: walk } }) => (
          <Space size={4} wrap>
            <span>{t('walks.findingsCell', { findings: walk.findingCount })}</span>
            {walk.openRectifications > 0 ? (
              <Tag color="processing">
                {t('walks.openRect', { count: walk.openRectifications })}
              </Tag>
            ) : null}
            {walk.overdueRectifications > 0 ? (
              <Tag color="error">
                {t('walks.overdueRect', { count: walk.overdueRectifications })}
              </Tag>
            ) : null}
          </Space>
        ),
      },
      {
        header: t('common.actions'),
        id: 'actions',
        cell: ({ row: { original: walk } }) => {
          const own = leader && walk.leaderId === user?.id;
          const scheduled = walk.status === 'scheduled';
          return (
            <Space>
              <Button
                size="small"
                onClick={() => void navigate(`/walks/${String(walk.id)}`)}
                data-testid="walk-open"
              >
                {t('walks.open')}
              </Button>
              {scheduled && own ? (
                <Button
                  size="small"
                  type="primary"
                  icon={<PlayCircleOutlined />}
                  loading={start.isPending && start.variables.id === walk.id}
                  onClick={() => {
                    start.mutate(walk);
                  }}
                  data-testid="walk-start-scheduled"
                >
                  {t('walks.start')}
                </Button>
              ) : null}
              {scheduled && (own || admin) ? (
                <Button
                  size="small"
                  danger
                  onClick={() => {
                    modal.confirm({
                      title: t('walks.cancel'),
                      content: t('walks.cancelConfirm', {
                        date: walk.plannedDate ?? '',
                        matter: walk.matterName,
                      }),
                      okText: t('walks.cancel'),
                      cancelText: t('common.back'),
                      okButtonProps: { danger: true },
                      onOk: () => cancel.mutateAsync(walk).catch(() => undefined),
                    });
                  }}
                  data-testid="walk-cancel"
                >
                  {t('walks.cancel')}
                </Button>
              ) : null}
            </Space>
          );
        },
      },
    ],
    [t, leader, admin, user?.id, navigate, modal, start, cancel],
  );

  const scheduleUnits = admin ? (units.data ?? []) : myUnits;

  return (
    <div className="page page-scroll" data-testid="walks-screen">
      {leader && user ? (
        myUnits.length > 0 ? (
          <MyYearCard userId={user.id} units={myUnits} />
        ) : units.isSuccess ? (
          <Alert type="warning" showIcon title={t('walks.noUnit')} data-testid="walk-no-unit" />
        ) : null
      ) : null}
      {admin ? <AdminYearCard /> : null}
      <Card className="page-section">
        <div className="page-toolbar">
          <Typography.Title level={4} className="page-title">
            {t('walks.title')}
          </Typography.Title>
          <span className="page-toolbar-spacer" />
          {leader || admin ? (
            <Button
              size="large"
              icon={<CalendarOutlined />}
              disabled={scheduleUnits.length === 0}
              onClick={() => {
                setDialog('schedule');
              }}
              data-testid="walk-schedule"
            >
              {t('walks.schedule')}
            </Button>
          ) : null}
          {leader ? (
            <Button
              size="large"
              type="primary"
              icon={<PlayCircleOutlined />}
              disabled={myUnits.length === 0}
              onClick={() => {
                setDialog('start');
              }}
              data-testid="walk-start-now"
            >
              {t('walks.startNow')}
            </Button>
          ) : null}
        </div>
        <Typography.Paragraph type="secondary" className="page-subtitle">
          {t('walks.subtitle')}
        </Typography.Paragraph>
        <Space className="page-section" wrap>
          {leader ? (
            <Segmented
              value={scope}
              onChange={(value: Scope) => {
                setScope(value);
              }}
              options={[
                { value: 'mine', label: t('walks.mine') },
                { value: 'all', label: t('walks.all') },
              ]}
              data-testid="walk-scope"
            />
          ) : null}
          <Select
            value={year}
            allowClear
            placeholder={t('walks.year')}
            onChange={(value: number | undefined) => {
              setYear(value);
            }}
            style={{ width: 110 }}
            aria-label={t('walks.year')}
            options={yearOptions().map((value) => ({ value, label: String(value) }))}
            data-testid="walk-filter-year"
          />
          <Select
            value={unitId}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('walks.allUnits')}
            onChange={(value: number | undefined) => {
              setUnitId(value);
            }}
            style={{ width: 220 }}
            aria-label={t('walks.unit')}
            options={(units.data ?? []).map((unit) => ({ value: unit.id, label: unit.name }))}
            data-testid="walk-filter-unit"
          />
          <Select
            value={status}
            allowClear
            placeholder={t('walks.anyStatus')}
            onChange={(value: WalkStatus | undefined) => {
              setStatus(value);
            }}
            style={{ width: 130 }}
            aria-label={t('walks.status')}
            options={walkStatuses.map((value) => ({
              value,
              label: t(`walkLabels.status.${value}`),
            }))}
            data-testid="walk-filter-status"
          />
          {walks.isFetching ? <Spin size="small" /> : null}
        </Space>
        <ErrorAlert
          error={walks.error ?? start.error ?? cancel.error ?? units.error ?? undefined}
        />
        {walks.isPending ? (
          <Spin />
        ) : (
          <DataTable
            data={walks.data ?? []}
            columns={columns}
            getRowId={(walk) => String(walk.id)}
            empty={<EmptyState title={t('walks.empty')} hint={t('walks.emptyHint')} />}
            testId="walks-table"
            rowTestId="walk-row"
            caption={t('walks.title')}
          />
        )}
      </Card>
      {dialog === 'schedule' ? (
        <ScheduleWalkDialog
          units={scheduleUnits}
          unitsLoading={units.isPending}
          pickLeader={admin}
          onClose={() => {
            setDialog(undefined);
          }}
        />
      ) : null}
      {dialog === 'start' ? (
        <StartWalkDialog
          units={myUnits}
          unitsLoading={units.isPending}
          onClose={() => {
            setDialog(undefined);
          }}
        />
      ) : null}
    </div>
  );
}
