import { useEffect, useMemo, useRef } from 'react';
import { Button, Card, Segmented, Space, Spin, Switch, Typography } from 'antd';
import type { ColumnDef } from '@tanstack/react-table';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '@shared/api/contract';
import {
  rectificationStatuses,
  type Rectification,
  type RectificationStatus,
} from '@shared/api/walks';
import { useClient } from '../../app/engine-context';
import { canReadWalks } from '../../app/permissions';
import { queryKeys } from '../../app/query-keys';
import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { RectificationDrawer } from './RectificationDrawer';
import { RectificationDue } from './RectificationDue';
import { useCurrentUser } from './use-current-user';
import { CategoryTag, RectificationStatusTag } from './WalkTags';

type StatusFilter = RectificationStatus | 'all';

function parseStatus(value: string | null): StatusFilter {
  return rectificationStatuses.find((status) => status === value) ?? 'all';
}

/** `/rectifications`: every fix under way, overdue ones first and in red; the detail drawer. */
export function RectificationsScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const user = useCurrentUser();
  // Owners who are not management see their own; leaders and admins start with everything.
  const reader = user !== undefined && canReadWalks(user.role);
  const [params, setParams] = useSearchParams();
  const status = parseStatus(params.get('status'));
  const mine = params.has('mine') ? params.get('mine') === '1' : !reader;
  const openId = Number(params.get('id')) || undefined;
  const update = (changes: Record<string, string | undefined>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );
  };
  // Table cells are memoised once; they reach the latest address through this ref.
  const updateRef = useRef(update);
  useEffect(() => {
    updateRef.current = update;
  });

  const input: MethodInput<'rectifications.list'> = {
    mine,
    ...(status === 'all' ? {} : { status }),
  };
  const list = useQuery({
    queryKey: queryKeys.rectificationList(input),
    queryFn: () => client.rectifications.list(input),
    placeholderData: keepPreviousData,
  });

  const columns = useMemo<ColumnDef<Rectification>[]>(
    () => [
      {
        header: t('rectification.columns.finding'),
        id: 'finding',
        cell: ({ row: { original: item } }) => (
          <Space orientation="vertical" size={2}>
            <span>
              <CategoryTag category={item.findingCategory} />
              <Typography.Text type="secondary">{item.matterName}</Typography.Text>
            </span>
            <Typography.Text className="cell-clamp">{item.findingDescription}</Typography.Text>
          </Space>
        ),
      },
      {
        header: t('rectification.columns.action'),
        id: 'action',
        cell: ({ row: { original: item } }) => (
          <Typography.Text className="cell-clamp">{item.action}</Typography.Text>
        ),
      },
      {
        header: t('rectification.columns.owner'),
        id: 'owner',
        cell: ({ row: { original: item } }) => (
          <Space orientation="vertical" size={0}>
            <span>{item.ownerUnitName}</span>
            <Typography.Text type="secondary">{item.ownerPerson}</Typography.Text>
          </Space>
        ),
      },
      {
        header: t('rectification.columns.due'),
        id: 'due',
        cell: ({ row: { original: item } }) => <RectificationDue rectification={item} />,
      },
      {
        header: t('rectification.columns.status'),
        id: 'status',
        cell: ({ row: { original: item } }) => (
          <RectificationStatusTag status={item.status} testId="rectification-status" />
        ),
      },
      {
        header: t('common.actions'),
        id: 'actions',
        cell: ({ row: { original: item } }) => (
          <Button
            size="small"
            type={item.overdue ? 'primary' : 'default'}
            danger={item.overdue}
            onClick={() => {
              updateRef.current({ id: String(item.id) });
            }}
            data-testid="rectification-open"
          >
            {t('rectification.view')}
          </Button>
        ),
      },
    ],
    [t],
  );

  return (
    <div className="page page-scroll" data-testid="rectifications-screen">
      <Card className="page-section">
        <Typography.Title level={4} className="page-title">
          {t('rectification.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="page-subtitle">
          {t('rectification.subtitle')}
        </Typography.Paragraph>
        <Space className="page-section" wrap>
          <Segmented
            value={status}
            onChange={(value: StatusFilter) => {
              update({ status: value === 'all' ? undefined : value });
            }}
            options={[
              { value: 'all', label: t('rectification.filterAll') },
              ...rectificationStatuses.map((value) => ({
                value,
                label: t(`walkLabels.rectification.${value}`),
              })),
            ]}
            data-testid="rectification-filter"
          />
          <Switch
            checked={mine}
            onChange={(checked) => {
              update({ mine: checked ? '1' : '0' });
            }}
            aria-label={t('rectification.mine')}
            data-testid="rectification-mine"
          />
          <span>{t('rectification.mine')}</span>
          {list.isFetching ? <Spin size="small" /> : null}
        </Space>
        <ErrorAlert error={list.error ?? undefined} />
        {list.isPending ? (
          <Spin />
        ) : (
          <DataTable
            data={list.data ?? []}
            columns={columns}
            getRowId={(item) => String(item.id)}
            rowClassName={(item) => (item.overdue ? 'row-overdue' : undefined)}
            empty={
              <EmptyState title={t('rectification.empty')} hint={t('rectification.emptyHint')} />
            }
            testId="rectifications-table"
            rowTestId="rectification-row"
            caption={t('rectification.title')}
          />
        )}
      </Card>
      <RectificationDrawer
        id={openId}
        onClose={() => {
          update({ id: undefined });
        }}
      />
    </div>
  );
}
