import type { ColumnDef } from '@tanstack/react-table';
import { Typography } from 'antd';
import { useMemo } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ErrorIssue } from '@shared/api/errors';
import type { Language } from '@shared/i18n';
import { pickText } from '../../ui/api-error';
import { DataTable } from '../../ui/DataTable';
import { useLanguage } from '../../ui/use-language';

interface IssueRow extends ErrorIssue {
  index: number;
}

function issueColumns(t: TFunction, language: Language): ColumnDef<IssueRow>[] {
  return [
    {
      id: 'line',
      header: t('knowledgeImport.issueColumns.line'),
      cell: ({ row }) => row.original.line ?? '—',
    },
    {
      id: 'column',
      header: t('knowledgeImport.issueColumns.column'),
      cell: ({ row }) => row.original.column ?? '—',
    },
    {
      id: 'path',
      header: t('knowledgeImport.issueColumns.path'),
      cell: ({ row }) => <span className="mono">{row.original.path.join('.') || '—'}</span>,
    },
    {
      id: 'message',
      header: t('knowledgeImport.issueColumns.message'),
      cell: ({ row }) => pickText(row.original.message, language),
    },
  ];
}

/** Every problem the engine found in the file, where it is and what is wrong. */
export function ImportIssues({ issues }: { issues: ErrorIssue[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const columns = useMemo(() => issueColumns(t, language), [t, language]);
  const rows = issues.map((issue, index) => ({ ...issue, index }));
  return (
    <div className="import-issues">
      <Typography.Text strong>
        {t('knowledgeImport.issues', { count: issues.length })}
      </Typography.Text>
      <DataTable
        data={rows}
        columns={columns}
        getRowId={(row) => String(row.index)}
        testId="import-issues"
        rowTestId="import-issue"
      />
    </div>
  );
}
