import { useRef, useState, type ChangeEvent } from 'react';
import { Alert, Button, Card, Space, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { downloadText } from '../../ui/download-file';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useLanguage } from '../../ui/use-language';
import { isStream } from './sync-labels';

/** Admin: sync over a USB stick — export the outbox, import the hub's signed reply. */
export function OfflinePackageCard() {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const queryClient = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [readError, setReadError] = useState<string>();

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.sync }),
      queryClient.invalidateQueries({ queryKey: queryKeys.systemStatus }),
    ]);

  const exportPackage = useMutation({
    mutationFn: () => client.sync.exportPackage({}),
    onSuccess: async (exported) => {
      downloadText(exported.fileName, exported.content, 'application/json');
      await refresh();
    },
  });
  const importReply = useMutation({
    mutationFn: (file: { fileName: string; content: string }) => client.sync.importPackage(file),
    onSuccess: async () => {
      // The reply may carry matters, accounts and rectifications: every screen reads again.
      await queryClient.invalidateQueries();
    },
  });

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const picked = event.target.files?.[0];
    // The same file may be chosen again after a failure.
    event.target.value = '';
    setReadError(undefined);
    importReply.reset();
    if (!picked) return;
    let content: string;
    try {
      content = await picked.text();
    } catch {
      setReadError(t('sync.package.readFailed'));
      return;
    }
    importReply.mutate({ fileName: picked.name, content });
  };

  const skipped = importReply.data?.skippedStreams ?? [];

  return (
    <Card
      title={t('sync.package.title')}
      className="page-section"
      size="small"
      data-testid="sync-package-card"
    >
      <Typography.Paragraph type="secondary">{t('sync.package.intro')}</Typography.Paragraph>
      <Space wrap>
        <Button
          icon={<DownloadOutlined />}
          loading={exportPackage.isPending}
          onClick={() => {
            exportPackage.mutate();
          }}
          data-testid="sync-export"
        >
          {t('sync.package.export')}
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          className="file-input-hidden"
          onChange={(event) => void onFile(event)}
          data-testid="sync-import-file"
        />
        <Button
          icon={<UploadOutlined />}
          loading={importReply.isPending}
          onClick={() => fileInput.current?.click()}
          data-testid="sync-import"
        >
          {t('sync.package.import')}
        </Button>
      </Space>
      <Space orientation="vertical" className="full-width sync-package-results">
        {exportPackage.data ? (
          <Alert
            type="success"
            showIcon
            title={t('sync.package.exported', {
              fileName: exportPackage.data.fileName,
              count: exportPackage.data.mutations,
            })}
            data-testid="sync-exported"
            data-count={exportPackage.data.mutations}
          />
        ) : null}
        {importReply.data ? (
          <Alert
            type="success"
            showIcon
            title={t('sync.package.imported', {
              acknowledged: importReply.data.acknowledged,
              pulled: importReply.data.pulled,
            })}
            description={
              skipped.length > 0
                ? t('sync.package.skipped', {
                    count: skipped.length,
                    streams: skipped
                      .map((stream) => (isStream(stream) ? t(`sync.streams.${stream}`) : stream))
                      .join(language === 'en' ? ', ' : '、'),
                  })
                : undefined
            }
            data-testid="sync-imported"
          />
        ) : null}
        <ErrorAlert
          error={readError ?? exportPackage.error ?? importReply.error ?? undefined}
          testId="sync-package-error"
        />
      </Space>
    </Card>
  );
}
