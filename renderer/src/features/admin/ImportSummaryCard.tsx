import { useMemo } from 'react';
import { Typography } from 'antd';
import type { ColumnDef } from '@tanstack/react-table';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ImportSummary } from '@shared/api/knowledge';
import { DataTable } from '../../ui/DataTable';

type Kind = 'matters' | 'policies' | 'qa';
interface CountRow {
  kind: Kind;
  added: number;
  superseded: number;
  unchanged: number;
}

function countColumns(t: TFunction): ColumnDef<CountRow>[] {
  return [
    {
      id: 'kind',
      header: t('knowledgeImport.counts.kind'),
      cell: ({ row }) => t(`knowledgeImport.kinds.${row.original.kind}`),
    },
    {
      id: 'added',
      header: t('knowledgeImport.counts.added'),
      cell: ({ row }) => <span data-count="added">{row.original.added}</span>,
    },
    {
      id: 'superseded',
      header: t('knowledgeImport.counts.superseded'),
      cell: ({ row }) => <span data-count="superseded">{row.original.superseded}</span>,
    },
    {
      id: 'unchanged',
      header: t('knowledgeImport.counts.unchanged'),
      cell: ({ row }) => <span data-count="unchanged">{row.original.unchanged}</span>,
    },
  ];
}

/** 新增 / 替换 / 未变 for matters, policies and Q&A. */
export function ImportSummaryCard({
  summary,
  dryRun,
}: {
  summary: ImportSummary;
  dryRun: boolean;
}) {
  const { t } = useTranslation();
  const columns = useMemo(() => countColumns(t), [t]);
  const kinds: Kind[] = ['matters', 'policies', 'qa'];
  const rows = kinds.map((kind) => ({ kind, ...summary[kind] }));
  return (
    <div className="import-summary" data-testid="import-summary" data-dry-run={dryRun}>
      <Typography.Text strong>
        {dryRun ? t('knowledgeImport.dryRunSummary') : t('knowledgeImport.summary')}
      </Typography.Text>{' '}
      <Typography.Text type="secondary">
        {summary.fileName} · {t('knowledgeImport.duration', { ms: Math.round(summary.durationMs) })}
      </Typography.Text>
      <DataTable
        data={rows}
        columns={columns}
        getRowId={(row) => row.kind}
        rowTestId="import-summary-row"
      />
    </div>
  );
}
