import { useMemo } from 'react';
import { Alert, Button, Space, Spin, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ColumnDef } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';
import type { HubModelRow } from '@shared/hub/admin';
import { useHubQuery } from '../api/console-context';
import { DataTable } from '../ui/DataTable';
import { EmptyState } from '../ui/EmptyState';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatBytes, formatDateTime, shortHash } from '../ui/format';
import { PageSection } from '../ui/PageSection';

/** How a model file is offered: on the hub's own machine, where the file is (see main.ts). */
const addCommand =
  'bangban-hub model add <文件.gguf> --id <编号> --name <名称> --purpose chat|embedding --licence <许可证> --ram <GiB> --context <上下文长度>';

/** 模型: what the hub offers terminals to download. Read-only: files are added on the server. */
export function ModelsPage() {
  const { t } = useTranslation();
  const models = useHubQuery('hubModels', {});

  const columns = useMemo<ColumnDef<HubModelRow>[]>(
    () => [
      {
        header: t('models.name'),
        id: 'name',
        cell: ({ row: { original: model } }) => (
          <Space orientation="vertical" size={0}>
            <Typography.Text strong>{model.name}</Typography.Text>
            <Typography.Text type="secondary" className="mono">
              {model.id}
            </Typography.Text>
          </Space>
        ),
      },
      {
        header: t('models.purpose'),
        id: 'purpose',
        cell: ({ row: { original: model } }) => (
          <Tag color={model.purpose === 'chat' ? 'blue' : 'purple'}>
            {t(`models.purposes.${model.purpose}`)}
          </Tag>
        ),
      },
      {
        header: t('models.file'),
        id: 'file',
        cell: ({ row: { original: model } }) => <span className="mono">{model.fileName}</span>,
      },
      {
        header: t('models.size'),
        id: 'size',
        cell: ({ row: { original: model } }) => (
          <span className="nowrap">{formatBytes(model.sizeBytes)}</span>
        ),
      },
      {
        header: t('models.ram'),
        id: 'ram',
        cell: ({ row: { original: model } }) => (
          <span className="nowrap">{t('models.ramValue', { gib: model.minimumRamGiB })}</span>
        ),
      },
      { header: t('models.context'), id: 'context', accessorFn: (model) => model.contextLength },
      { header: t('models.licence'), id: 'licence', accessorFn: (model) => model.licence },
      {
        header: t('models.sha256'),
        id: 'sha256',
        cell: ({ row: { original: model } }) => (
          <span className="mono" title={model.sha256}>
            {shortHash(model.sha256)}
          </span>
        ),
      },
      {
        header: t('models.addedAt'),
        id: 'addedAt',
        cell: ({ row: { original: model } }) => (
          <span className="nowrap">{formatDateTime(model.addedAt)}</span>
        ),
      },
    ],
    [t],
  );

  return (
    <div className="page" data-testid="models-page">
      <PageSection
        title={t('models.title')}
        subtitle={t('models.subtitle')}
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void models.refetch()}
            loading={models.isFetching}
          >
            {t('common.refresh')}
          </Button>
        }
      >
        <Alert
          type="info"
          showIcon
          className="form-gap"
          title={t('models.howTo')}
          description={<pre className="command-line">{addCommand}</pre>}
        />
        <ErrorAlert error={models.error} />
        {models.isPending ? (
          <Spin />
        ) : (
          <DataTable
            data={models.data ?? []}
            columns={columns}
            getRowId={(model) => model.id}
            empty={<EmptyState title={t('models.empty')} />}
            testId="models-table"
            rowTestId="model-row"
            caption={t('models.title')}
          />
        )}
      </PageSection>
    </div>
  );
}
