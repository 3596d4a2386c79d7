import { useRef, useState, type ChangeEvent } from 'react';
import { App, Button, Card, Space, Spin, Tag, Typography } from 'antd';
import {
  CameraOutlined,
  FileImageOutlined,
  FilePdfOutlined,
  HighlightOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { attachmentMediaTypes } from '@shared/api/attachments';
import type { RemoteSessionView } from '@shared/api/remote';
import { useClient } from '../../app/engine-context';
import { CameraCapture, type CapturedPhoto } from '../../ui/CameraCapture';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { base64Of } from '../../ui/file-base64';
import { checkPickedFile, type AttachmentMediaType } from '../../ui/picked-file';
import { formatBytes, formatDateTime } from '../../ui/format';
import { SharedImageViewer } from './SharedImageViewer';
import { windowChanged } from './use-remote-session';

interface Outgoing {
  name: string;
  mediaType: AttachmentMediaType;
  /** A picked file (read here, inside the mutation, so its spinner covers the reading too). */
  content: Blob | string;
}

/**
 * 共享材料: scans and photos the clerk shares into the window, each encrypted for the participants
 * present. Either side opens one to look at it and mark it up.
 */
export function SharedFilesPanel({ view }: { view: RemoteSessionView }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [camera, setCamera] = useState(false);
  const [problem, setProblem] = useState<unknown>();
  const [openId, setOpenId] = useState<string>();
  const canShare = view.role === 'host' && view.link.state !== 'ended';

  const share = useMutation({
    mutationFn: async ({ name, mediaType, content }: Outgoing) =>
      client.remote.shareFile({
        sessionId: view.sessionId,
        name,
        mediaType,
        contentBase64: typeof content === 'string' ? content : await base64Of(content),
      }),
    onSuccess: (next, file) => {
      windowChanged(queryClient, next);
      void message.success(t('remote.files.shared', { name: file.name }));
    },
    onError: setProblem,
  });

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Cleared, so choosing the same file again (after fixing it) fires a change.
    event.target.value = '';
    if (!file) return;
    const checked = checkPickedFile(file, t);
    if ('problem' in checked) {
      setProblem(checked.problem);
      return;
    }
    setProblem(undefined);
    share.mutate({ name: file.name, mediaType: checked.mediaType, content: file });
  };

  const strokeCounts = new Map<string, number>();
  for (const stroke of view.strokes)
    strokeCounts.set(stroke.fileId, (strokeCounts.get(stroke.fileId) ?? 0) + 1);
  // The newest first: the one just shared is the one both sides are about to talk about.
  const files = [...view.files].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  const opened = view.files.find((file) => file.id === openId);

  return (
    <Card
      size="small"
      className="page-section"
      title={t('remote.files.title')}
      data-testid="remote-files"
    >
      {canShare ? (
        <div className="shared-files-actions">
          <Space wrap>
            <input
              ref={input}
              type="file"
              accept={attachmentMediaTypes.join(',')}
              hidden
              onChange={choose}
              data-testid="remote-share-file"
            />
            <Button
              icon={<UploadOutlined />}
              disabled={share.isPending}
              onClick={() => input.current?.click()}
            >
              {t('remote.files.choose')}
            </Button>
            <Button
              icon={<CameraOutlined />}
              disabled={share.isPending}
              onClick={() => {
                setCamera(true);
              }}
              data-testid="remote-share-camera"
            >
              {t('remote.files.camera')}
            </Button>
          </Space>
          <Typography.Text type="secondary" className="shared-files-hint">
            {t('remote.files.hint')}
          </Typography.Text>
        </div>
      ) : null}
      {share.isPending ? (
        <div className="shared-files-sending" role="status" data-testid="remote-files-sharing">
          <Spin size="small" />
          <span>{t('remote.files.sharing')}</span>
        </div>
      ) : null}
      <ErrorAlert error={problem} testId="remote-files-error" />
      {files.length === 0 ? (
        <div className="shared-files-empty" data-testid="remote-files-empty">
          <Typography.Text type="secondary">{t('remote.files.empty')}</Typography.Text>
          <Typography.Text type="secondary" className="shared-files-hint">
            {view.role === 'host' ? t('remote.files.emptyHost') : t('remote.files.emptyExpert')}
          </Typography.Text>
        </div>
      ) : (
        <ul className="shared-file-list">
          {files.map((file) => {
            const strokes = strokeCounts.get(file.id) ?? 0;
            return (
              <li key={file.id}>
                <button
                  type="button"
                  className="shared-file"
                  onClick={() => {
                    setOpenId(file.id);
                  }}
                  data-testid="remote-file"
                  data-file-id={file.id}
                  data-name={file.name}
                >
                  {file.mediaType === 'application/pdf' ? (
                    <FilePdfOutlined className="shared-file-icon" />
                  ) : (
                    <FileImageOutlined className="shared-file-icon" />
                  )}
                  <span className="shared-file-body">
                    <Typography.Text strong ellipsis className="shared-file-name">
                      {file.name}
                    </Typography.Text>
                    <Typography.Text type="secondary" className="shared-file-meta">
                      {t('remote.files.meta', {
                        author: file.author,
                        at: formatDateTime(file.at),
                        size: formatBytes(file.size),
                      })}
                    </Typography.Text>
                  </span>
                  {strokes > 0 ? (
                    <Tag
                      icon={<HighlightOutlined />}
                      color="orange"
                      data-testid="remote-file-strokes"
                      data-count={strokes}
                    >
                      {t('remote.files.strokes', { count: strokes })}
                    </Tag>
                  ) : null}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {opened ? (
        <SharedImageViewer
          view={view}
          file={opened}
          onClose={() => {
            setOpenId(undefined);
          }}
        />
      ) : null}
      <CameraCapture
        open={camera}
        onClose={() => {
          setCamera(false);
        }}
        onCapture={(photo: CapturedPhoto) => {
          setCamera(false);
          setProblem(undefined);
          share.mutate({
            name: photo.fileName,
            mediaType: 'image/jpeg',
            content: photo.contentBase64,
          });
        }}
      />
    </Card>
  );
}
