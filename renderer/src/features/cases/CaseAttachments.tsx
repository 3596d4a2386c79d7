import { useState } from 'react';
import { App, Button, Card, Image, Modal, Select, Space, Typography, Upload } from 'antd';
import { DeleteOutlined, EyeOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { attachmentMediaTypes, type Attachment, type CaseDetail } from '@shared/api';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { DataTable } from '../../ui/DataTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { base64Of } from '../../ui/file-base64';
import { formatBytes, formatDateTime } from '../../ui/format';
import { checkPickedFile } from '../../ui/picked-file';

/**
 * Scans and photos kept with the case, stored encrypted by the engine. Opening one is audited;
 * the decrypted bytes live only in this screen's memory while it is shown.
 */
export function CaseAttachments({ detail, canEdit }: { detail: CaseDetail; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const client = useClient();
  const queryClient = useQueryClient();
  const [material, setMaterial] = useState<string | undefined>();
  const [shown, setShown] = useState<{ attachment: Attachment; url: string } | undefined>();
  const list = useQuery({
    queryKey: queryKeys.attachments({ caseId: detail.id }),
    queryFn: () => client.attachments.list({ caseId: detail.id }),
  });
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: queryKeys.attachments({ caseId: detail.id }) });
  const add = useMutation({
    mutationFn: async (file: File) => {
      const checked = checkPickedFile(file, t);
      if ('problem' in checked) throw checked.problem;
      return client.attachments.add({
        caseId: detail.id,
        ...(material ? { materialCode: material } : {}),
        fileName: file.name,
        mediaType: checked.mediaType,
        contentBase64: await base64Of(file),
      });
    },
    onSuccess: async () => {
      await refresh();
      void message.success(t('attachments.added'));
    },
  });
  const open = useMutation({
    mutationFn: (attachment: Attachment) => client.attachments.get({ id: attachment.id }),
    onSuccess: (content) => {
      setShown({
        attachment: content,
        url: `data:${content.mediaType};base64,${content.contentBase64}`,
      });
    },
  });
  const remove = useMutation({
    mutationFn: (attachment: Attachment) => client.attachments.remove({ id: attachment.id }),
    onSuccess: refresh,
  });
  const materialName = (code: string | null): string =>
    detail.materials.find((candidate) => candidate.code === code)?.name ??
    t('attachments.noMaterial');

  return (
    <Card
      title={t('attachments.title')}
      className="page-section"
      size="small"
      data-testid="case-attachments"
    >
      <Typography.Paragraph type="secondary">{t('attachments.intro')}</Typography.Paragraph>
      {canEdit ? (
        <Space className="page-section" wrap>
          <Select
            allowClear
            placeholder={t('attachments.material')}
            style={{ width: 220 }}
            value={material}
            onChange={setMaterial}
            options={detail.materials.map((candidate) => ({
              value: candidate.code,
              label: candidate.name,
            }))}
            data-testid="attachment-material"
          />
          <Upload
            accept={attachmentMediaTypes.join(',')}
            showUploadList={false}
            beforeUpload={(file) => {
              add.mutate(file);
              return false;
            }}
          >
            <Button
              icon={<UploadOutlined />}
              loading={add.isPending}
              data-testid="attachment-upload"
            >
              {t('attachments.upload')}
            </Button>
          </Upload>
        </Space>
      ) : null}
      <ErrorAlert error={add.error ?? open.error ?? remove.error ?? list.error ?? undefined} />
      <DataTable
        data={list.data ?? []}
        getRowId={(attachment) => String(attachment.id)}
        testId="attachment-table"
        rowTestId="attachment-row"
        empty={t('attachments.none')}
        columns={[
          { header: t('attachments.file'), id: 'name', cell: ({ row }) => row.original.fileName },
          {
            header: t('attachments.material'),
            id: 'material',
            cell: ({ row }) => materialName(row.original.materialCode),
          },
          {
            header: t('attachments.size'),
            id: 'size',
            cell: ({ row }) => formatBytes(row.original.sizeBytes),
          },
          {
            header: t('attachments.addedAt'),
            id: 'at',
            cell: ({ row }) => formatDateTime(row.original.addedAt),
          },
          {
            header: t('common.actions'),
            id: 'actions',
            cell: ({ row }) => (
              <Space>
                <Button
                  size="small"
                  icon={<EyeOutlined />}
                  onClick={() => {
                    open.mutate(row.original);
                  }}
                  data-testid="attachment-open"
                >
                  {t('attachments.open')}
                </Button>
                {canEdit ? (
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => {
                      modal.confirm({
                        title: t('attachments.remove'),
                        content: t('attachments.removeConfirm', { name: row.original.fileName }),
                        onOk: () => remove.mutateAsync(row.original).catch(() => undefined),
                      });
                    }}
                  >
                    {t('attachments.remove')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={shown !== undefined}
        title={shown?.attachment.fileName}
        footer={null}
        width={900}
        onCancel={() => {
          setShown(undefined);
        }}
        destroyOnHidden
      >
        {shown?.attachment.mediaType === 'application/pdf' ? (
          <a
            href={shown.url}
            download={shown.attachment.fileName}
            data-testid="attachment-download"
          >
            {t('attachments.pdf')}
          </a>
        ) : shown ? (
          <Image
            src={shown.url}
            alt={shown.attachment.fileName}
            preview={false}
            data-testid="attachment-image"
          />
        ) : null}
      </Modal>
    </Card>
  );
}
