import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Modal, Space, Spin } from 'antd';
import { CameraOutlined, CheckOutlined, RedoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export interface CapturedPhoto {
  fileName: string;
  /** JPEG bytes as base64, without the `data:` prefix. */
  contentBase64: string;
}

type CameraProblem = 'denied' | 'notFound' | 'busy' | 'unsupported' | { message: string };

function problemOf(error: unknown): CameraProblem {
  if (error instanceof DOMException) {
    if (error.name === 'NotAllowedError' || error.name === 'SecurityError') return 'denied';
    if (error.name === 'NotFoundError' || error.name === 'OverconstrainedError') return 'notFound';
    if (error.name === 'NotReadableError' || error.name === 'AbortError') return 'busy';
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

const jpegQuality = 0.85;

function stamp(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${String(now.getFullYear())}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(
    now.getHours(),
  )}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
}

interface CameraCaptureProps {
  open: boolean;
  onCapture: (photo: CapturedPhoto) => void;
  onClose: () => void;
}

/**
 * Takes a photo with the PC's or tablet's camera: a live preview, "take", a look at the shot,
 * then "use" or "retake". The camera is released as soon as the dialog closes.
 */
export function CameraCapture({ open, onCapture, onClose }: CameraCaptureProps) {
  const { t } = useTranslation();
  return (
    <Modal
      open={open}
      title={t('camera.title')}
      footer={null}
      width={720}
      onCancel={onClose}
      destroyOnHidden
    >
      {open ? <CameraView onCapture={onCapture} /> : null}
    </Modal>
  );
}

/** Whether this page may ask for a camera at all (a secure context with media devices). */
function cameraSupported(): boolean {
  const media = navigator.mediaDevices as MediaDevices | undefined;
  return typeof media?.getUserMedia === 'function';
}

function CameraView({ onCapture }: { onCapture: (photo: CapturedPhoto) => void }) {
  const [supported] = useState(cameraSupported);
  return supported ? (
    <CameraPreview onCapture={onCapture} />
  ) : (
    <CameraProblemAlert problem="unsupported" />
  );
}

function CameraProblemAlert({ problem }: { problem: CameraProblem }) {
  const { t } = useTranslation();
  const text =
    typeof problem === 'string'
      ? t(`camera.${problem}`)
      : t('camera.failed', { message: problem.message });
  return <Alert type="warning" showIcon title={text} data-testid="camera-problem" />;
}

function CameraPreview({ onCapture }: { onCapture: (photo: CapturedPhoto) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [starting, setStarting] = useState(true);
  const [problem, setProblem] = useState<CameraProblem>();
  const [shot, setShot] = useState<string>();

  useEffect(() => {
    let stream: MediaStream | undefined;
    let cancelled = false;
    // The rear camera on a tablet (facing what the leader photographs), any camera elsewhere.
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment', width: { ideal: 1600 } }, audio: false })
      .then(
        (opened) => {
          if (cancelled) {
            opened.getTracks().forEach((track) => {
              track.stop();
            });
            return;
          }
          stream = opened;
          if (video.current) {
            video.current.srcObject = opened;
            void video.current.play().catch(() => undefined);
          }
          // "Take" waits for the first frame (onPlaying): before it the video has no size.
        },
        (error: unknown) => {
          if (cancelled) return;
          setProblem(problemOf(error));
          setStarting(false);
        },
      );
    return () => {
      cancelled = true;
      stream?.getTracks().forEach((track) => {
        track.stop();
      });
    };
  }, []);

  const take = () => {
    const element = video.current;
    if (!element || element.videoWidth === 0) return;
    const canvas = document.createElement('canvas');
    canvas.width = element.videoWidth;
    canvas.height = element.videoHeight;
    canvas.getContext('2d')?.drawImage(element, 0, 0);
    setShot(canvas.toDataURL('image/jpeg', jpegQuality));
  };

  if (problem) return <CameraProblemAlert problem={problem} />;
  return (
    <div className="camera-capture">
      <div className="camera-frame">
        <video
          ref={video}
          className="camera-video"
          playsInline
          muted
          hidden={shot !== undefined}
          onPlaying={() => {
            setStarting(false);
          }}
          data-testid="camera-video"
        />
        {shot ? <img src={shot} alt={t('camera.title')} className="camera-video" /> : null}
        {starting ? (
          <div className="camera-starting">
            <Spin />
            <span>{t('camera.starting')}</span>
          </div>
        ) : null}
      </div>
      <Space className="camera-actions">
        {shot ? (
          <>
            <Button
              size="large"
              icon={<RedoOutlined />}
              onClick={() => {
                setShot(undefined);
              }}
            >
              {t('camera.retake')}
            </Button>
            <Button
              size="large"
              type="primary"
              icon={<CheckOutlined />}
              onClick={() => {
                onCapture({
                  fileName: `photo-${stamp()}.jpg`,
                  contentBase64: shot.slice(shot.indexOf(',') + 1),
                });
              }}
              data-testid="camera-use"
            >
              {t('camera.use')}
            </Button>
          </>
        ) : (
          <Button
            size="large"
            type="primary"
            icon={<CameraOutlined />}
            disabled={starting}
            onClick={take}
            data-testid="camera-take"
          >
            {t('camera.take')}
          </Button>
        )}
      </Space>
    </div>
  );
}
