import { useMemo, useState } from 'react';
import { Button, Card, Space, Spin, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import type { Unit } from '@shared/api/walks';
import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { UnitDialog } from './UnitDialog';
import { useUnits } from './use-units';

/** Admin: units, their leadership teams and their high-frequency matters. */
export function UnitsScreen() {
  const { t } = useTranslation();
  const units = useUnits();
  // undefined: closed; null: creating; a unit: editing it.
  const [editing, setEditing] = useState<Unit | null>();

  const columns = useMemo<ColumnDef<Unit>[]>(
    () => [
      {
        header: t('units.columns.name'),
        id: 'name',
        cell: ({ row: { original: unit } }) => (
          <Typography.Text strong>{unit.name}</Typography.Text>
        ),
      },
      {
        header: t('units.columns.kind'),
        id: 'kind',
        cell: ({ row: { original: unit } }) => <Tag>{t(`walkLabels.unitKind.${unit.kind}`)}</Tag>,
      },
      {
        header: t('units.columns.department'),
        id: 'department',
        cell: ({ row: { original: unit } }) => unit.department ?? t('common.none'),
      },
      {
        header: t('units.columns.leaders'),
        id: 'leaders',
        cell: ({ row: { original: unit } }) =>
          unit.leaders.length === 0 ? (
            <Typography.Text type="warning">{t('common.none')}</Typography.Text>
          ) : (
            <Space size={[4, 4]} wrap>
              {unit.leaders.map((leader) => (
                <Tag key={leader.userId}>
                  {leader.displayName}
                  {leader.title ? ` · ${leader.title}` : ''}
                </Tag>
              ))}
            </Space>
          ),
      },
      {
        header: t('units.columns.matters'),
        id: 'matters',
        cell: ({ row: { original: unit } }) =>
          t('units.matterCount', {
            high: unit.matters.filter((matter) => matter.highFrequency).length,
            total: unit.matters.length,
          }),
      },
      {
        header: t('units.columns.updatedAt'),
        id: 'updatedAt',
        cell: ({ row: { original: unit } }) => formatDateTime(unit.updatedAt),
      },
      {
        header: t('common.actions'),
        id: 'actions',
        cell: ({ row: { original: unit } }) => (
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => {
              setEditing(unit);
            }}
            data-testid="unit-edit"
          >
            {t('units.edit')}
          </Button>
        ),
      },
    ],
    [t],
  );

  return (
    <div className="page page-scroll" data-testid="units-screen">
      <Card className="page-section">
        <div className="page-toolbar">
          <Typography.Title level={4} className="page-title">
            {t('units.title')}
          </Typography.Title>
          <span className="page-toolbar-spacer" />
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(null);
            }}
            data-testid="unit-create"
          >
            {t('units.create')}
          </Button>
        </div>
        <Typography.Paragraph type="secondary" className="page-subtitle">
          {t('units.subtitle')}
        </Typography.Paragraph>
        <ErrorAlert error={units.error ?? undefined} />
        {units.isPending ? (
          <Spin />
        ) : (
          <DataTable
            data={units.data ?? []}
            columns={columns}
            getRowId={(unit) => String(unit.id)}
            empty={<EmptyState title={t('units.empty')} hint={t('units.emptyHint')} />}
            testId="units-table"
            rowTestId="unit-row"
            caption={t('units.title')}
          />
        )}
      </Card>
      {editing === undefined ? null : (
        <UnitDialog
          unit={editing ?? undefined}
          onClose={() => {
            setEditing(undefined);
          }}
        />
      )}
    </div>
  );
}
