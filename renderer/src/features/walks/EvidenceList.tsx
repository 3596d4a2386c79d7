import { useState } from 'react';
import { App, Button, Image, Space, Spin, Typography, Upload } from 'antd';
import { CameraOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { attachmentMediaTypes, type Attachment } from '@shared/api/attachments';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { CameraCapture, type CapturedPhoto } from '../../ui/CameraCapture';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { base64Of } from '../../ui/file-base64';
import { checkPickedFile, type AttachmentMediaType } from '../../ui/picked-file';

type EvidenceOwner = { findingId: number } | { rectificationId: number };

/**
 * One piece of evidence, decrypted by the engine when shown (each opening is audited). The bytes
 * stay in the query cache only while the thumbnail is on screen.
 */
function EvidenceThumb({ attachment }: { attachment: Attachment }) {
  const { t } = useTranslation();
  const client = useClient();
  const content = useQuery({
    queryKey: queryKeys.attachmentContent(attachment.id),
    queryFn: () => client.attachments.get({ id: attachment.id }),
    staleTime: Infinity,
    gcTime: 0,
  });
  if (content.isPending)
    return (
      <div className="evidence-thumb evidence-thumb-empty">
        <Spin size="small" />
      </div>
    );
  if (content.isError)
    return (
      <div className="evidence-thumb evidence-thumb-empty" title={attachment.fileName}>
        <Typography.Text type="danger">{t('evidence.openFailed')}</Typography.Text>
      </div>
    );
  const url = `data:${content.data.mediaType};base64,${content.data.contentBase64}`;
  if (content.data.mediaType === 'application/pdf')
    return (
      <a className="evidence-thumb evidence-thumb-file" href={url} download={attachment.fileName}>
        <FilePdfOutlined />
        <span>{attachment.fileName}</span>
      </a>
    );
  return (
    <Image
      src={url}
      alt={attachment.fileName}
      width={96}
      height={96}
      className="evidence-image"
      data-testid="evidence-image"
    />
  );
}

/** Photos and files that show a finding or a rectification's progress: thumbnails, upload, camera. */
export function EvidenceList({ owner, canAdd }: { owner: EvidenceOwner; canAdd: boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [camera, setCamera] = useState(false);
  const key = queryKeys.attachments(owner);
  const list = useQuery({ queryKey: key, queryFn: () => client.attachments.list(owner) });
  const add = useMutation({
    mutationFn: async (file: {
      fileName: string;
      mediaType: AttachmentMediaType;
      contentBase64: string;
    }) => client.attachments.add({ ...owner, ...file }),
    onSuccess: async () => {
      void message.success(t('evidence.added'));
      await queryClient.invalidateQueries({ queryKey: key });
      await queryClient.invalidateQueries({ queryKey: queryKeys.rectifications });
    },
  });
  const addFile = async (file: File) => {
    const checked = checkPickedFile(file, t);
    if ('problem' in checked) throw checked.problem;
    await add.mutateAsync({
      fileName: file.name,
      mediaType: checked.mediaType,
      contentBase64: await base64Of(file),
    });
  };
  const [fileError, setFileError] = useState<unknown>();

  return (
    <div className="evidence" data-testid="evidence">
      <div className="evidence-grid">
        {(list.data ?? []).map((attachment) => (
          <EvidenceThumb key={attachment.id} attachment={attachment} />
        ))}
        {list.data?.length === 0 && !canAdd ? (
          <Typography.Text type="secondary">{t('evidence.none')}</Typography.Text>
        ) : null}
      </div>
      {canAdd ? (
        <Space wrap className="evidence-actions">
          <Upload
            accept={attachmentMediaTypes.join(',')}
            showUploadList={false}
            beforeUpload={(file) => {
              setFileError(undefined);
              addFile(file).catch(setFileError);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={add.isPending} data-testid="evidence-upload">
              {t('evidence.upload')}
            </Button>
          </Upload>
          <Button
            icon={<CameraOutlined />}
            onClick={() => {
              setCamera(true);
            }}
            data-testid="evidence-camera"
          >
            {t('evidence.camera')}
          </Button>
        </Space>
      ) : null}
      <ErrorAlert error={fileError ?? list.error ?? undefined} />
      <CameraCapture
        open={camera}
        onClose={() => {
          setCamera(false);
        }}
        onCapture={(photo: CapturedPhoto) => {
          setCamera(false);
          setFileError(undefined);
          add.mutate(
            {
              fileName: photo.fileName,
              mediaType: 'image/jpeg',
              contentBase64: photo.contentBase64,
            },
            { onError: setFileError },
          );
        }}
      />
    </div>
  );
}
