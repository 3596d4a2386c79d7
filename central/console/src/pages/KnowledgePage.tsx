import { useMemo, useState } from 'react';
import { Alert, Button, Spin, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import type { Publication } from '@shared/hub/admin';
import { useHubMutation, useHubQuery } from '../api/console-context';
import { DataTable } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime, shortHash } from '../ui/format';
import { PageSection } from '../ui/PageSection';
import { UploadPanel } from '../ui/UploadPanel';

/** The hub's limit for a knowledge file's text (`publishKnowledgeSchema`). */
const maxKnowledgeBytes = 32 * 1024 * 1024;

type Outcome =
  | { kind: 'published'; publication: Publication }
  | { kind: 'failed'; fileName: string; error: unknown };

/** 知识发布: a knowledge file to every hall, and what was published before. */
export function KnowledgePage() {
  const { t } = useTranslation();
  const publications = useHubQuery('publications', {});
  const publish = useHubMutation('publishKnowledge', ['publications']);
  const [outcome, setOutcome] = useState<Outcome>();

  const columns = useMemo<ColumnDef<Publication>[]>(
    () => [
      {
        header: t('knowledge.fileName'),
        id: 'fileName',
        cell: ({ row: { original: publication } }) => (
          <Typography.Text strong>{publication.fileName}</Typography.Text>
        ),
      },
      { header: t('knowledge.matters'), id: 'matters', accessorFn: (row) => row.matters },
      { header: t('knowledge.policies'), id: 'policies', accessorFn: (row) => row.policies },
      { header: t('knowledge.qa'), id: 'qa', accessorFn: (row) => row.qa },
      {
        header: t('knowledge.publishedBy'),
        id: 'publishedBy',
        accessorFn: (row) => row.publishedBy,
      },
      {
        header: t('knowledge.publishedAt'),
        id: 'publishedAt',
        cell: ({ row: { original: publication } }) => (
          <span className="nowrap">{formatDateTime(publication.publishedAt)}</span>
        ),
      },
      {
        header: t('knowledge.sha256'),
        id: 'sha256',
        cell: ({ row: { original: publication } }) => (
          <span className="mono" title={publication.sha256}>
            {shortHash(publication.sha256)}
          </span>
        ),
      },
    ],
    [t],
  );

  return (
    <div className="page" data-testid="knowledge-page">
      <PageSection title={t('knowledge.title')} subtitle={t('knowledge.subtitle')}>
        <UploadPanel
          accept={['.yaml', '.yml', '.json']}
          maxBytes={maxKnowledgeBytes}
          hint={t('knowledge.dropHint')}
          testId="knowledge-upload"
          onUpload={async (file) => {
            setOutcome(undefined);
            try {
              const publication = await publish.mutateAsync({
                body: { fileName: file.name, content: file.text },
              });
              setOutcome({ kind: 'published', publication });
              return true;
            } catch (error) {
              setOutcome({ kind: 'failed', fileName: file.name, error });
              return false;
            }
          }}
        />
        {outcome?.kind === 'published' ? (
          <Alert
            type="success"
            showIcon
            data-testid="knowledge-result"
            title={t('knowledge.published', { file: outcome.publication.fileName })}
            description={t('knowledge.counts', {
              matters: outcome.publication.matters,
              policies: outcome.publication.policies,
              qa: outcome.publication.qa,
            })}
          />
        ) : null}
        {outcome?.kind === 'failed' ? (
          <ErrorAlert
            error={outcome.error}
            title={t('knowledge.failed', { file: outcome.fileName })}
            testId="knowledge-error"
          />
        ) : null}
      </PageSection>
      <PageSection
        title={t('knowledge.publications')}
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void publications.refetch()}
            loading={publications.isFetching}
          >
            {t('common.refresh')}
          </Button>
        }
      >
        <ErrorAlert error={publications.error} />
        {publications.isPending ? (
          <Spin />
        ) : (
          <DataTable
            data={publications.data ?? []}
            columns={columns}
            getRowId={(publication) => String(publication.id)}
            empty={<EmptyState title={t('knowledge.empty')} />}
            testId="publications-table"
            rowTestId="publication-row"
            caption={t('knowledge.publications')}
          />
        )}
      </PageSection>
    </div>
  );
}
