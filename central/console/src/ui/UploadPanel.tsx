import { useEffect, useState } from 'react';
import { Alert, Progress, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatBytes } from './format';
import { readFileText } from './read-file';

export interface ChosenFile {
  name: string;
  text: string;
}

interface UploadPanelProps {
  /** File name endings accepted, with the dot: `.yaml`. */
  accept: readonly string[];
  maxBytes: number;
  hint: string;
  testId: string;
  /** Sends the file to the hub; true when the hub accepted it (the page shows the outcome). */
  onUpload: (file: ChosenFile) => Promise<boolean>;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'reading'; fraction: number }
  | { kind: 'sending'; since: number }
  | { kind: 'done' }
  | { kind: 'failed' };

/**
 * Choose or drop one file, then watch it go: reading (with its real progress), uploading and
 * checking at the hub (with the seconds so far: the browser cannot measure an upload made with
 * fetch), then done or not. The page shows the hub's answer beside it.
 */
export function UploadPanel({ accept, maxBytes, hint, testId, onUpload }: UploadPanelProps) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [refusal, setRefusal] = useState<string>();
  const [now, setNow] = useState(() => Date.now());
  const busy = phase.kind === 'reading' || phase.kind === 'sending';

  useEffect(() => {
    if (phase.kind !== 'sending') return undefined;
    const timer = setInterval(() => {
      setNow(Date.now());
    }, 500);
    return () => {
      clearInterval(timer);
    };
  }, [phase.kind]);

  const handle = async (file: File): Promise<void> => {
    setRefusal(undefined);
    const lower = file.name.toLowerCase();
    if (!accept.some((ending) => lower.endsWith(ending))) {
      setRefusal(t('upload.wrongType', { types: accept.join(' ') }));
      return;
    }
    if (file.size > maxBytes) {
      setRefusal(
        t('upload.tooLarge', { size: formatBytes(file.size), limit: formatBytes(maxBytes) }),
      );
      return;
    }
    setPhase({ kind: 'reading', fraction: 0 });
    let text: string;
    try {
      text = await readFileText(file, (fraction) => {
        setPhase({ kind: 'reading', fraction });
      });
    } catch {
      setPhase({ kind: 'failed' });
      setRefusal(t('upload.readFailed'));
      return;
    }
    const since = Date.now();
    setNow(since);
    setPhase({ kind: 'sending', since });
    const accepted = await onUpload({ name: file.name, text });
    setPhase({ kind: accepted ? 'done' : 'failed' });
  };

  const percent =
    phase.kind === 'reading'
      ? Math.round(phase.fraction * 40)
      : phase.kind === 'sending'
        ? 60
        : phase.kind === 'idle'
          ? 0
          : 100;
  const label =
    phase.kind === 'reading'
      ? t('upload.reading')
      : phase.kind === 'sending'
        ? t('upload.sending', { seconds: Math.floor((now - phase.since) / 1000) })
        : phase.kind === 'done'
          ? t('upload.done')
          : phase.kind === 'failed'
            ? t('upload.failed')
            : '';

  return (
    <div className="upload-panel" data-testid={testId}>
      <Upload.Dragger
        accept={accept.join(',')}
        multiple={false}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          void handle(file);
          // The file goes through the typed API client, not antd's own upload request.
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('upload.drop')}</p>
        <p className="ant-upload-hint">{hint}</p>
      </Upload.Dragger>
      {phase.kind === 'idle' ? null : (
        <div className="upload-progress" data-testid={`${testId}-progress`} data-phase={phase.kind}>
          <Progress
            percent={percent}
            status={
              phase.kind === 'failed' ? 'exception' : phase.kind === 'done' ? 'success' : 'active'
            }
            showInfo={false}
          />
          <Typography.Text type="secondary" aria-live="polite">
            {label}
          </Typography.Text>
        </div>
      )}
      {refusal ? <Alert type="warning" showIcon title={refusal} role="alert" /> : null}
    </div>
  );
}
