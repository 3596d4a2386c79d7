import { useState } from 'react';
import { Button, Card, Tag, Tooltip, Typography } from 'antd';
import {
  FileTextOutlined,
  PoweroffOutlined,
  SyncOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RemoteSessionView } from '@shared/api/remote';
import { linkColours, presenceColours } from './cobrowse-labels';
import { ControlSwitch } from './ControlSwitch';
import { EndWindowDialog } from './EndWindowDialog';
import { JoinCodePanel } from './JoinCodePanel';

/** Who is in the window: online or not, their role and hall, in the colour the other side sees. */
function Participants({ view }: { view: RemoteSessionView }) {
  const { t } = useTranslation();
  const ended = view.link.state === 'ended';
  return (
    <div className="remote-participants">
      {view.participants.map((participant) => {
        // Once ended nobody is in the window, whatever the last roster said.
        const online = participant.online && !ended;
        return (
          <span
            key={participant.id}
            className="remote-participant"
            data-testid="remote-participant"
            data-role={participant.role}
            data-online={String(online)}
          >
            <Tooltip title={online ? t('remote.online') : t('remote.offline')}>
              <span
                className={`status-dot ${online ? 'status-dot-ok' : 'status-dot-idle'}`}
                aria-label={online ? t('remote.online') : t('remote.offline')}
              />
            </Tooltip>
            <Typography.Text strong style={{ color: presenceColours[participant.role] }}>
              {participant.displayName}
              {participant.id === view.me ? t('remote.me') : ''}
            </Typography.Text>
            <Tag className="remote-role-tag">{t(`remote.roles.${participant.role}`)}</Tag>
            <Typography.Text type="secondary">{participant.hallName}</Typography.Text>
          </span>
        );
      })}
    </div>
  );
}

/**
 * The window's header: the case, the link, who is in it; for the host the join code and the
 * control switch; for the expert whether control is granted; and ending it.
 */
export function RemoteHeader({ view }: { view: RemoteSessionView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [ending, setEnding] = useState(false);
  const caseRef = view.workspace?.caseRef;
  const host = view.role === 'host';
  const ended = view.link.state === 'ended';
  const settling = view.link.state === 'connecting' || view.link.state === 'reconnecting';
  return (
    <Card className="page-section remote-header" data-testid="remote-header">
      <div className="page-toolbar">
        <Typography.Title level={4} className="page-title">
          {t('remote.title')}
        </Typography.Title>
        <Tag
          color={linkColours[view.link.state]}
          icon={settling ? <SyncOutlined spin /> : undefined}
          className="remote-link-tag"
          data-testid="remote-link"
          data-state={view.link.state}
        >
          {t(`remote.links.${view.link.state}`)}
        </Tag>
        {caseRef ? (
          <span className="remote-case" data-testid="remote-case">
            <span className="mono">{caseRef.reference}</span>
            <Typography.Text>{caseRef.matterName}</Typography.Text>
            <Typography.Text type="secondary">{caseRef.department}</Typography.Text>
          </span>
        ) : null}
        <span className="page-toolbar-spacer" />
        {host && caseRef ? (
          <Button
            icon={<FileTextOutlined />}
            onClick={() => void navigate(`/cases/${String(caseRef.caseId)}`)}
            data-testid="remote-open-case"
          >
            {t('remote.openCase')}
          </Button>
        ) : null}
        {!ended ? (
          <Button
            danger
            icon={<PoweroffOutlined />}
            onClick={() => {
              setEnding(true);
            }}
            data-testid="remote-end"
          >
            {t('remote.end')}
          </Button>
        ) : null}
      </div>
      <div className="remote-header-row">
        <Participants view={view} />
        {!ended && host ? (
          <>
            <JoinCodePanel view={view} />
            <ControlSwitch view={view} />
          </>
        ) : null}
        {!ended && !host && view.control.holder === view.me ? (
          <Tag color="orange" icon={<ThunderboltOutlined />} data-testid="remote-control-mine">
            {t('remote.controlMine')}
          </Tag>
        ) : null}
      </div>
      {ending ? (
        <EndWindowDialog
          sessionId={view.sessionId}
          onClose={() => {
            setEnding(false);
          }}
        />
      ) : null}
    </Card>
  );
}
