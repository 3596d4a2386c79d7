import { useMemo } from 'react';
import { Card, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ImportRecord } from '@shared/api/knowledge';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';

function historyColumns(t: TFunction): ColumnDef<ImportRecord>[] {
  const counts = (kind: 'matters' | 'policies' | 'qa'): ColumnDef<ImportRecord> => ({
    id: kind,
    header: t(`knowledgeImport.historyColumns.${kind}`),
    cell: ({ row }) => t('knowledgeImport.countsCell', row.original.summary[kind]),
  });
  return [
    {
      id: 'importedAt',
      header: t('knowledgeImport.historyColumns.importedAt'),
      cell: ({ row }) => formatDateTime(row.original.importedAt),
    },
    {
      id: 'fileName',
      header: t('knowledgeImport.historyColumns.fileName'),
      cell: ({ row }) => (
        <span title={row.original.sha256} className="cell-ellipsis">
          {row.original.fileName}
        </span>
      ),
    },
    {
      id: 'importedBy',
      header: t('knowledgeImport.historyColumns.importedBy'),
      cell: ({ row }) => row.original.importedBy,
    },
    counts('matters'),
    counts('policies'),
    counts('qa'),
  ];
}

export function ImportHistory() {
  const { t } = useTranslation();
  const client = useClient();
  const columns = useMemo(() => historyColumns(t), [t]);
  const imports = useQuery({
    queryKey: queryKeys.imports,
    queryFn: () => client.knowledge.imports({}),
  });
  return (
    <Card
      title={t('knowledgeImport.history')}
      className="page-section"
      extra={imports.isFetching ? <Spin size="small" /> : null}
    >
      {imports.isError ? <ErrorAlert error={imports.error} /> : null}
      {imports.data ? (
        <DataTable
          data={imports.data}
          columns={columns}
          getRowId={(row) => String(row.id)}
          testId="import-history"
          rowTestId="import-history-row"
          empty={<EmptyState title={t('knowledgeImport.historyEmpty')} />}
        />
      ) : null}
    </Card>
  );
}
