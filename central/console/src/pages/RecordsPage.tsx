import { useMemo, useState } from 'react';
import { Button, Drawer, Select, Spin, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import type { HubRecord } from '@shared/hub/admin';
import { useHubQuery } from '../api/console-context';
import { en } from '../locales/en';
import { zhCN } from '../locales/zh-cn';
import { DataTable } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';
import { PageSection } from '../ui/PageSection';
import { useConsoleLanguage } from '../ui/use-console-language';
import { recordEntities, recordFields, recordValue, type RecordEntity } from './record-fields';

function labelOf(vocabulary: Readonly<Record<string, string>>, value: string): string {
  return vocabulary[value] ?? value;
}

/** A date (`2026-05-03`) stays as it is; a timestamp reads in local time. */
function formatWhen(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : formatDateTime(value);
}

/** 各厅数据: what the halls pushed, one kind at a time, optionally one hall. */
export function RecordsPage() {
  const { t } = useTranslation();
  const language = useConsoleLanguage();
  const [entity, setEntity] = useState<RecordEntity>('knowledge_gap');
  const [hallId, setHallId] = useState<string>();
  const [detail, setDetail] = useState<HubRecord>();
  const halls = useHubQuery('halls', {});
  const records = useHubQuery('records', { query: { entity, hallId } });

  const columns = useMemo<ColumnDef<HubRecord>[]>(() => {
    const words = (language === 'en' ? en : zhCN).records;
    const fields: ColumnDef<HubRecord>[] = recordFields[entity].map((field) => ({
      header: t(`records.columns.${field.label}`),
      id: field.label,
      cell: ({ row: { original: record } }) => {
        const value = recordValue(record.data, field.keys);
        if (value === undefined) return t('common.none');
        if (field.vocabulary) return labelOf(words[field.vocabulary], value);
        if (field.format === 'when') return <span className="nowrap">{formatWhen(value)}</span>;
        if (field.format === 'long')
          return (
            <Typography.Text className="cell-clamp" title={value}>
              {value}
            </Typography.Text>
          );
        return value;
      },
    }));
    return [
      { header: t('common.hall'), id: 'hall', accessorFn: (record) => record.hallName },
      ...fields,
      {
        header: t('records.updatedAt'),
        id: 'updatedAt',
        cell: ({ row: { original: record } }) => (
          <span className="nowrap">{formatDateTime(record.updatedAt)}</span>
        ),
      },
      {
        header: t('common.actions'),
        id: 'actions',
        cell: ({ row: { original: record } }) => (
          <Button
            size="small"
            onClick={() => {
              setDetail(record);
            }}
          >
            {t('common.details')}
          </Button>
        ),
      },
    ];
  }, [t, entity, language]);

  return (
    <div className="page" data-testid="records-page">
      <PageSection
        title={t('records.title')}
        subtitle={t('records.subtitle')}
        extra={
          <>
            <Select<RecordEntity>
              className="filter-select"
              value={entity}
              onChange={setEntity}
              options={recordEntities.map((value) => ({
                value,
                label: t(`records.entities.${value}`),
              }))}
              aria-label={t('records.entity')}
              data-testid="records-entity"
            />
            <Select
              allowClear
              className="filter-select"
              placeholder={t('common.allHalls')}
              value={hallId}
              onChange={(value: string | undefined) => {
                setHallId(value);
              }}
              options={(halls.data ?? []).map((hall) => ({ value: hall.id, label: hall.name }))}
              aria-label={t('common.hall')}
            />
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void records.refetch()}
              loading={records.isFetching}
            >
              {t('common.refresh')}
            </Button>
          </>
        }
      >
        <ErrorAlert error={records.error} />
        {records.isPending ? (
          <Spin />
        ) : (
          <>
            <Typography.Text type="secondary">
              {t('common.total', { count: records.data?.length ?? 0 })}
            </Typography.Text>
            <DataTable
              data={records.data ?? []}
              columns={columns}
              getRowId={(record) => `${record.entity}/${record.key}`}
              empty={<EmptyState title={t('records.empty')} />}
              testId="records-table"
              rowTestId="record-row"
              caption={t(`records.entities.${entity}`)}
            />
          </>
        )}
      </PageSection>
      <Drawer
        open={detail !== undefined}
        size="large"
        title={
          detail
            ? t('records.detailTitle', {
                entity: t(`records.entities.${entity}`),
                hall: detail.hallName,
              })
            : ''
        }
        onClose={() => {
          setDetail(undefined);
        }}
      >
        {detail ? (
          <>
            <Typography.Paragraph type="secondary">
              {t('records.key')}：<span className="mono">{detail.key}</span>
              <br />
              {t('common.terminal')}：<span className="mono">{detail.terminalId}</span>
            </Typography.Paragraph>
            <pre className="json-block">{JSON.stringify(detail.data, null, 2)}</pre>
          </>
        ) : null}
      </Drawer>
    </div>
  );
}
