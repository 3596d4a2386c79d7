import { useEffect, useRef } from 'react';
import { Alert, Button, Card, Space, Tag, Tooltip, Typography } from 'antd';
import {
  AudioMutedOutlined,
  AudioOutlined,
  DesktopOutlined,
  PhoneOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { RemoteSessionView } from '@shared/api/remote';
import { useRemoteCall, type CallState } from './use-remote-call';

const stateColours: Record<CallState, string> = {
  idle: 'default',
  connecting: 'processing',
  connected: 'success',
  unstable: 'warning',
  failed: 'error',
};

function Video({ stream, muted, testId }: { stream: MediaStream; muted: boolean; testId: string }) {
  const element = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (element.current) element.current.srcObject = stream;
  }, [stream]);
  return (
    <video
      ref={element}
      className="remote-call-video"
      data-testid={testId}
      autoPlay
      playsInline
      muted={muted}
    />
  );
}

/**
 * Audio, video and screen share beside the shared workspace. The workspace never waits for it:
 * when the call cannot connect (no camera, no TURN server on a private network, a weak link),
 * the card says why and everything else goes on.
 */
export function RemoteCallCard({ view }: { view: RemoteSessionView }) {
  const { t } = useTranslation();
  const call = useRemoteCall(view);
  const ended = view.link.state === 'ended';
  const inCall = call.state !== 'idle';
  const { roundTripMs, packetLoss } = call.quality;
  return (
    <Card
      size="small"
      title={t('remote.call.title')}
      data-testid="remote-call"
      extra={
        <Tag
          color={stateColours[call.state]}
          data-testid="remote-call-state"
          data-state={call.state}
        >
          {t(`remote.call.state.${call.state}`)}
        </Tag>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {call.problem && (
          <Alert
            type={
              call.problem === 'poorNetwork' || call.problem === 'unstable' ? 'warning' : 'error'
            }
            showIcon
            data-testid="remote-call-problem"
            title={t(`remote.call.problem.${call.problem}`)}
          />
        )}
        {call.remoteStream && (
          <Video stream={call.remoteStream} muted={false} testId="remote-call-remote-video" />
        )}
        {call.localStream && (
          <Video stream={call.localStream} muted testId="remote-call-local-video" />
        )}
        {call.state === 'connected' && roundTripMs !== null && (
          <Typography.Text type="secondary" data-testid="remote-call-quality">
            {t('remote.call.quality', {
              rtt: roundTripMs,
              loss: packetLoss === null ? '—' : `${(packetLoss * 100).toFixed(1)}%`,
            })}
          </Typography.Text>
        )}
        <Space wrap>
          {!call.localStream ? (
            <Button
              type="primary"
              icon={<PhoneOutlined />}
              disabled={ended}
              onClick={() => {
                void call.start();
              }}
              data-testid="remote-call-start"
            >
              {inCall ? t('remote.call.joinWithMedia') : t('remote.call.start')}
            </Button>
          ) : (
            <>
              <Tooltip title={call.microphoneOn ? t('remote.call.mute') : t('remote.call.unmute')}>
                <Button
                  icon={call.microphoneOn ? <AudioOutlined /> : <AudioMutedOutlined />}
                  onClick={() => {
                    call.toggleMicrophone();
                  }}
                  aria-pressed={!call.microphoneOn}
                  data-testid="remote-call-microphone"
                />
              </Tooltip>
              <Tooltip
                title={call.cameraOn ? t('remote.call.cameraOff') : t('remote.call.cameraOn')}
              >
                <Button
                  icon={<VideoCameraOutlined />}
                  onClick={() => {
                    call.toggleCamera();
                  }}
                  aria-pressed={!call.cameraOn}
                  data-testid="remote-call-camera"
                />
              </Tooltip>
              <Button
                icon={<DesktopOutlined />}
                onClick={() => {
                  if (call.sharingScreen) call.stopScreenShare();
                  else void call.shareScreen();
                }}
                data-testid="remote-call-screen"
              >
                {call.sharingScreen ? t('remote.call.stopShare') : t('remote.call.shareScreen')}
              </Button>
              <Button
                danger
                onClick={() => {
                  call.hangUp();
                }}
                data-testid="remote-call-hang-up"
              >
                {t('remote.call.hangUp')}
              </Button>
            </>
          )}
        </Space>
        {view.iceServers.length === 0 && (
          <Typography.Text type="secondary" className="remote-call-hint">
            {t('remote.call.noTurn')}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}
