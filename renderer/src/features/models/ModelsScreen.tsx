import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Progress,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { CloudDownloadOutlined } from '@ant-design/icons';
import type { ColumnDef } from '@tanstack/react-table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ModelStatus } from '@shared/api/models';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { showErrorOnForm } from '../../ui/api-error';
import { DataTable } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatBytes } from '../../ui/format';
import { requiredRule } from '../../ui/form-rules';
import { useLanguage } from '../../ui/use-language';

type ManifestRow = ModelStatus['manifest'][number];
type FileRow = ModelStatus['installed'][number];
type HubOfferRow = ModelStatus['hubOffers'][number];

function stateTone(state: ModelStatus['state']): 'success' | 'info' | 'warning' | 'error' {
  if (state === 'ready') return 'success';
  if (state === 'loading' || state === 'crashed') return 'warning';
  return state === 'error' ? 'error' : 'info';
}

function HardwareCard({ status }: { status: ModelStatus }) {
  const { t } = useTranslation();
  const { hardware } = status;
  return (
    <Card title={t('models.hardware')} className="page-section" size="small">
      <Descriptions column={{ xs: 1, lg: 2 }} size="small">
        <Descriptions.Item label={t('models.cpu')}>
          {hardware.cpuModel} · {t('models.cores', { count: hardware.logicalCores })}
        </Descriptions.Item>
        <Descriptions.Item label="RAM">
          {t('models.ram', { total: hardware.totalRamGiB, free: hardware.freeRamGiB })}
        </Descriptions.Item>
        <Descriptions.Item label={t('models.flags')}>
          {hardware.cpuFlags.length > 0
            ? hardware.cpuFlags.map((flag) => <Tag key={flag}>{flag.toUpperCase()}</Tag>)
            : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('models.gpu')}>
          {hardware.gpu ?? t('models.noGpu')}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** Model files the hub offers this terminal; the admin downloads one (resumable, verified). */
function HubOffersCard({ status }: { status: ModelStatus }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [progress, setProgress] = useState<{ fileName: string; progress: number }>();
  useEffect(
    () =>
      client.events.on('models.progress', (next) => {
        if (next.phase === 'install') setProgress(next);
      }),
    [client],
  );
  const download = useMutation({
    mutationFn: (offer: HubOfferRow) => client.models.installFromHub({ id: offer.id }),
    onMutate: () => {
      setProgress(undefined);
    },
    onSuccess: (next, offer) => {
      queryClient.setQueryData(queryKeys.models, next);
      void message.success(t('models.hubDownloaded', { name: offer.name }));
    },
  });
  // Progress events reach every window: show those about the file being fetched from here.
  const downloading = download.isPending ? download.variables : undefined;
  const shown = downloading && progress?.fileName === downloading.fileName ? progress.progress : 0;

  const columns: ColumnDef<HubOfferRow>[] = [
    {
      header: t('models.hubModel'),
      id: 'model',
      cell: ({ row: { original: offer } }) => (
        <Space orientation="vertical" size={0}>
          <Space wrap>
            <Typography.Text strong>{offer.name}</Typography.Text>
            <Tag>{t(`models.purpose.${offer.purpose}`)}</Tag>
          </Space>
          <Typography.Text type="secondary" className="mono">
            {offer.fileName}
          </Typography.Text>
        </Space>
      ),
    },
    {
      header: t('models.hubSize'),
      id: 'size',
      cell: ({ row: { original: offer } }) => (
        <Space orientation="vertical" size={0}>
          <span className="nowrap">{formatBytes(offer.sizeBytes)}</span>
          <Typography.Text type="secondary">
            {t('models.licence', { licence: offer.licence })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      header: 'RAM',
      id: 'fits',
      cell: ({ row: { original: offer } }) => (
        <Space orientation="vertical" size={0}>
          <Tag color={offer.fits ? 'green' : 'red'}>
            {offer.fits ? t('models.fits') : t('models.tooBig')}
          </Tag>
          <Typography.Text type="secondary">
            {t('models.minimumRam', { ram: offer.minimumRamGiB })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      header: t('models.state'),
      id: 'installed',
      cell: ({ row: { original: offer } }) =>
        offer.installed ? (
          <Tag color="green" data-testid="hub-model-installed">
            {t('models.installed')}
          </Tag>
        ) : (
          <Tag>{t('models.notInstalled')}</Tag>
        ),
    },
    {
      header: t('common.actions'),
      id: 'actions',
      cell: ({ row: { original: offer } }) =>
        downloading?.id === offer.id ? (
          <Progress
            percent={Math.round(shown * 100)}
            status="active"
            size="small"
            className="hub-model-progress"
            data-testid="hub-model-progress"
          />
        ) : (
          <Button
            size="small"
            type={offer.installed ? 'default' : 'primary'}
            icon={<CloudDownloadOutlined />}
            disabled={offer.installed || download.isPending}
            onClick={() => {
              download.mutate(offer);
            }}
            data-testid="hub-model-download"
          >
            {t('models.hubDownload')}
          </Button>
        ),
    },
  ];

  return (
    <Card
      title={t('models.hubOffers')}
      className="page-section"
      size="small"
      data-testid="hub-models-card"
    >
      <Typography.Paragraph type="secondary">{t('models.hubOffersHint')}</Typography.Paragraph>
      <ErrorAlert error={download.error ?? undefined} testId="hub-model-error" />
      <DataTable
        data={status.hubOffers}
        columns={columns}
        getRowId={(offer) => offer.id}
        empty={t('models.hubOffersEmpty')}
        testId="hub-models"
        rowTestId="hub-model"
        caption={t('models.hubOffers')}
      />
    </Card>
  );
}

function InstallForm() {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ sourcePath: string; fileName?: string }>();
  const [progress, setProgress] = useState<number>();
  const [formError, setFormError] = useState<string>();
  useEffect(
    () =>
      client.events.on('models.progress', (next) => {
        if (next.phase === 'install') setProgress(next.progress);
      }),
    [client],
  );
  const install = useMutation({
    mutationFn: (values: { sourcePath: string; fileName?: string }) =>
      client.models.install({
        // An address downloads (resumable, verified); anything else is a path on this PC.
        ...(/^https?:\/\//i.test(values.sourcePath.trim())
          ? { url: values.sourcePath.trim() }
          : { sourcePath: values.sourcePath.trim() }),
        ...(values.fileName?.trim() ? { fileName: values.fileName.trim() } : {}),
      }),
    onMutate: () => {
      setProgress(0);
      setFormError(undefined);
    },
    onSuccess: (status) => {
      queryClient.setQueryData(queryKeys.models, status);
      form.resetFields();
    },
    onError: (error) => {
      setFormError(showErrorOnForm(form, error, language));
    },
  });
  return (
    <Card title={t('models.install')} className="page-section" size="small">
      <Form
        form={form}
        layout="vertical"
        disabled={install.isPending}
        onFinish={(values) => {
          install.mutate(values);
        }}
      >
        <Form.Item
          name="sourcePath"
          label={t('models.sourcePath')}
          rules={[requiredRule(t, t('models.sourcePath'))]}
        >
          <Input
            placeholder={t('models.sourcePathPlaceholder')}
            className="mono"
            data-testid="model-source"
          />
        </Form.Item>
        <Form.Item name="fileName" label={t('models.fileName')}>
          <Input className="mono" data-testid="model-file-name" />
        </Form.Item>
        {install.isPending ? (
          <Progress percent={Math.round((progress ?? 0) * 100)} status="active" />
        ) : null}
        {install.isSuccess ? (
          <Alert type="success" showIcon title={t('models.installed_ok')} />
        ) : null}
        <ErrorAlert error={formError} />
        <Button
          type="primary"
          htmlType="submit"
          loading={install.isPending}
          data-testid="model-install"
        >
          {install.isPending ? t('models.installing') : t('models.install')}
        </Button>
      </Form>
    </Card>
  );
}

/** The admin's model manager: hardware, recommendation, install, load and unload with progress. */
export function ModelsScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      client.events.on('models.status', (next) => {
        queryClient.setQueryData(queryKeys.models, next);
      }),
    [client, queryClient],
  );
  const status = useQuery({ queryKey: queryKeys.models, queryFn: () => client.models.status({}) });
  const load = useMutation({
    mutationFn: (fileName: string) => client.models.load({ fileName }),
    onSuccess: (next) => {
      queryClient.setQueryData(queryKeys.models, next);
    },
  });
  const unload = useMutation({
    mutationFn: (purpose: 'chat' | 'embedding') => client.models.unload({ purpose }),
    onSuccess: (next) => {
      queryClient.setQueryData(queryKeys.models, next);
    },
  });

  const data = status.data;
  const manifestColumns: ColumnDef<ManifestRow>[] = [
    {
      header: t('models.manifest'),
      cell: ({ row: { original: model } }) => (
        <Space orientation="vertical" size={0}>
          <Space wrap>
            <Typography.Text strong>{model.name}</Typography.Text>
            {model.id === data?.recommendedId ? (
              <Tag color="blue">{t('models.recommended')}</Tag>
            ) : null}
            {model.installed ? <Tag color="green">{t('models.installed')}</Tag> : null}
          </Space>
          <Typography.Text type="secondary" className="mono">
            {model.file}
          </Typography.Text>
        </Space>
      ),
    },
    {
      header: t('models.state'),
      cell: ({ row: { original: model } }) => (
        <Space orientation="vertical" size={0}>
          <Tag>{t(`models.purpose.${model.purpose}`)}</Tag>
          <Tag color={model.fits ? 'green' : 'red'}>
            {model.fits ? t('models.fits') : t('models.tooBig')}
          </Tag>
        </Space>
      ),
    },
    {
      header: 'RAM',
      cell: ({ row: { original: model } }) => (
        <Space orientation="vertical" size={0}>
          <span>{t('models.minimumRam', { ram: model.minimumRamGiB })}</span>
          <Typography.Text type="secondary">
            ≈ {formatBytes(model.approxSizeMiB * 1024 * 1024)}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('models.licence', { licence: model.licence })}
          </Typography.Text>
        </Space>
      ),
    },
  ];
  const fileColumns: ColumnDef<FileRow>[] = [
    {
      header: t('models.files'),
      cell: ({ row: { original: file } }) => (
        <Space>
          <Typography.Text className="mono">{file.fileName}</Typography.Text>
          {file.purpose ? <Tag>{t(`models.purpose.${file.purpose}`)}</Tag> : null}
        </Space>
      ),
    },
    { header: '', id: 'size', cell: ({ row: { original: file } }) => formatBytes(file.sizeBytes) },
    {
      header: t('common.actions'),
      cell: ({ row: { original: file } }) =>
        data?.loaded?.fileName === file.fileName ||
        data?.embedding.loaded?.fileName === file.fileName ? (
          <Button
            size="small"
            loading={unload.isPending}
            onClick={() => {
              unload.mutate(
                data.embedding.loaded?.fileName === file.fileName ? 'embedding' : 'chat',
              );
            }}
            data-testid="model-unload"
          >
            {t('models.unload')}
          </Button>
        ) : (
          <Button
            size="small"
            type="primary"
            disabled={!data?.supported || data.state === 'loading'}
            loading={load.isPending && load.variables === file.fileName}
            onClick={() => {
              load.mutate(file.fileName);
            }}
            data-testid="model-load"
          >
            {t('models.load')}
          </Button>
        ),
    },
  ];

  return (
    <div className="page page-scroll" data-testid="models-screen">
      <Card className="page-section">
        <Typography.Title level={4}>{t('models.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('models.subtitle')}</Typography.Paragraph>
        {status.isPending ? <Spin /> : null}
        <ErrorAlert error={status.error ?? load.error ?? unload.error ?? undefined} />
        {data ? (
          <Space orientation="vertical" className="full-width">
            {data.supported ? null : (
              <Alert type="warning" showIcon title={t('models.unsupported')} />
            )}
            <Alert
              type={stateTone(data.state)}
              showIcon
              data-testid="model-state"
              data-state={data.state}
              title={`${t('models.state')}：${t(`models.states.${data.state}`)}`}
              description={
                data.loaded
                  ? t('models.loaded', {
                      file: data.loaded.fileName,
                      contextSize: data.loaded.contextSize,
                      threads: data.loaded.threads,
                      seconds: (data.loaded.loadMs / 1000).toFixed(1),
                    })
                  : (data.problem ?? undefined)
              }
            />
            <Alert
              type={data.embedding.state === 'ready' ? 'success' : 'info'}
              showIcon
              data-testid="embedding-state"
              title={`${t('models.embedding')}：${t(`models.states.${data.embedding.state}`)}`}
              description={
                !data.embedding.vectors.available
                  ? t('models.vectorsUnavailable')
                  : data.embedding.loaded
                    ? t('models.embeddingLoaded', {
                        file: data.embedding.loaded.fileName,
                        dimensions: data.embedding.loaded.dimensions,
                        indexed: data.embedding.vectors.indexed,
                        entries: data.embedding.vectors.entries,
                      })
                    : (data.embedding.problem ?? t('models.embeddingNone'))
              }
            />
            {data.state === 'loading' ? (
              <Progress
                percent={Math.round(data.progress * 100)}
                status="active"
                data-testid="model-load-progress"
              />
            ) : null}
          </Space>
        ) : null}
      </Card>
      {data ? (
        <>
          <HardwareCard status={data} />
          <Card className="page-section" size="small">
            <DataTable
              data={data.installed}
              columns={fileColumns}
              getRowId={(file) => file.fileName}
              empty={t('models.noFiles')}
              testId="model-files"
              rowTestId="model-file"
              caption={t('models.files')}
            />
          </Card>
          <HubOffersCard status={data} />
          <InstallForm />
          <Card className="page-section" size="small">
            <DataTable
              data={data.manifest}
              columns={manifestColumns}
              getRowId={(model) => model.id}
              testId="model-manifest"
              caption={t('models.manifest')}
            />
          </Card>
        </>
      ) : null}
    </div>
  );
}
