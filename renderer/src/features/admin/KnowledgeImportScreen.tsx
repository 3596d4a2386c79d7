import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { App, Button, Card, Progress, Space, Typography } from 'antd';
import { CheckCircleOutlined, CloudUploadOutlined, FileTextOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ImportProgress } from '@shared/api/knowledge';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { toApiError } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatBytes } from '../../ui/format';
import { ImportHistory } from './ImportHistory';
import { ImportIssues } from './ImportIssues';
import { ImportSummaryCard } from './ImportSummaryCard';

interface ChosenFile {
  name: string;
  size: number;
  content: string;
}

/** Check and import a knowledge file, with progress, the result and the history of imports. */
export function KnowledgeImportScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<ChosenFile>();
  const [readError, setReadError] = useState<string>();
  const [progress, setProgress] = useState<ImportProgress>();

  useEffect(
    () =>
      client.events.on('knowledge.importProgress', (next) => {
        setProgress(next);
      }),
    [client],
  );

  const run = useMutation({
    mutationFn: ({ chosen, dryRun }: { chosen: ChosenFile; dryRun: boolean }) =>
      client.knowledge.import({ fileName: chosen.name, content: chosen.content, dryRun }),
    onMutate: () => {
      setProgress(undefined);
    },
    onSuccess: async (_summary, { dryRun }) => {
      void message.success(dryRun ? t('knowledgeImport.dryRunOk') : t('knowledgeImport.imported'));
      if (dryRun) return;
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.imports }),
        queryClient.invalidateQueries({ queryKey: queryKeys.matters }),
        queryClient.invalidateQueries({ queryKey: queryKeys.systemStatus }),
      ]);
    },
  });

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const picked = event.target.files?.[0];
    run.reset();
    setReadError(undefined);
    setFile(undefined);
    if (!picked) return;
    try {
      setFile({ name: picked.name, size: picked.size, content: await picked.text() });
    } catch {
      setReadError(t('knowledgeImport.readFailed'));
    }
  };

  const start = (dryRun: boolean) => {
    if (file) run.mutate({ chosen: file, dryRun });
  };

  const error = run.isError ? toApiError(run.error) : undefined;
  const issues = error?.issues ?? [];
  // Progress events go to every window: show only those about the file being sent from here.
  const shown =
    run.isPending && progress?.fileName === run.variables.chosen.name ? progress : undefined;
  const percent = shown && shown.total > 0 ? Math.round((shown.done / shown.total) * 100) : 0;

  return (
    <div className="page page-scroll">
      <Typography.Title level={4} className="page-title">
        {t('knowledgeImport.title')}
      </Typography.Title>
      <Card className="page-section">
        <Typography.Paragraph type="secondary">{t('knowledgeImport.intro')}</Typography.Paragraph>
        <Space wrap>
          <input
            ref={fileInput}
            type="file"
            accept=".yaml,.yml,.json"
            className="file-input-hidden"
            onChange={(event) => void onFile(event)}
            data-testid="import-file"
          />
          <Button
            icon={<FileTextOutlined />}
            autoFocus
            onClick={() => fileInput.current?.click()}
            disabled={run.isPending}
          >
            {t('knowledgeImport.chooseFile')}
          </Button>
          <Typography.Text type={file ? undefined : 'secondary'} data-testid="import-file-name">
            {file
              ? t('knowledgeImport.fileInfo', { name: file.name, size: formatBytes(file.size) })
              : t('knowledgeImport.noFile')}
          </Typography.Text>
        </Space>
        <div className="import-actions">
          <Button
            icon={<CheckCircleOutlined />}
            disabled={!file || run.isPending}
            loading={run.isPending && run.variables.dryRun}
            onClick={() => {
              start(true);
            }}
            data-testid="import-dry-run"
          >
            {t('knowledgeImport.dryRun')}
          </Button>
          <Button
            type="primary"
            icon={<CloudUploadOutlined />}
            disabled={!file || run.isPending}
            loading={run.isPending && !run.variables.dryRun}
            onClick={() => {
              start(false);
            }}
            data-testid="import-submit"
          >
            {t('knowledgeImport.submit')}
          </Button>
        </div>
        {run.isPending ? (
          <div className="import-progress" data-testid="import-progress">
            <Progress
              percent={percent}
              status="active"
              format={() => (shown ? t(`knowledgeImport.phases.${shown.phase}`) : '')}
            />
          </div>
        ) : null}
        {readError ? <ErrorAlert error={readError} /> : null}
        {error ? (
          <div className="import-error">
            <ErrorAlert error={error} testId="import-error" />
            {issues.length > 0 ? <ImportIssues issues={issues} /> : null}
          </div>
        ) : null}
        {run.isSuccess ? (
          <ImportSummaryCard summary={run.data} dryRun={run.variables.dryRun} />
        ) : null}
      </Card>
      <ImportHistory />
    </div>
  );
}
