import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  DesktopOutlined,
  FileTextOutlined,
  LoginOutlined,
  RollbackOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { HelpRequest, RemoteSessionView } from '@shared/api/remote';
import { useClient } from '../../app/engine-context';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { testId } from '../../ui/test-id';
import { ChatThread } from './ChatThread';
import { CloseHelpDialog } from './CloseHelpDialog';
import { helpStateColours } from './cobrowse-labels';
import { helpChanged } from './help-queries';
import { isOpen, needsWindow, type HelpSide } from './help-requests';
import { useJoinWindow, useOpenWindow, windowHere } from './use-remote-session';
import { WaitFigure } from './WaitFigure';

/**
 * The clerk's side of a request's remote window, shown in the request and on its case: the
 * expert's ask with the button that opens the window and goes there, the way back to an open
 * one, or opening another once it ended.
 */
export function WindowPrompt({
  request,
  windows,
}: {
  request: HelpRequest;
  windows: RemoteSessionView[] | undefined;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = useOpenWindow();
  const sessionId = request.sessionId;
  if (request.state !== 'claimed' || (sessionId === null && !needsWindow(request))) return null;
  if (sessionId !== null && windowHere(windows, sessionId) === 'open')
    return (
      <Alert
        type="success"
        showIcon
        title={t('help.windowOpen')}
        action={
          <Button
            size="small"
            icon={<DesktopOutlined />}
            onClick={() => void navigate(`/remote/${sessionId}`)}
            data-testid="help-back-to-window"
          >
            {t('help.backToWindow')}
          </Button>
        }
      />
    );
  const asked = sessionId === null;
  return (
    <Alert
      type={asked ? 'warning' : 'info'}
      showIcon
      className="window-prompt"
      title={
        asked
          ? t('help.sessionAsked', { name: request.expert?.displayName ?? '' })
          : t('help.windowEnded')
      }
      description={
        <>
          {asked ? t('help.sessionAskedHint') : null}
          <ErrorAlert error={open.error ?? undefined} />
        </>
      }
      action={
        <Button
          type={asked ? 'primary' : 'default'}
          icon={<DesktopOutlined />}
          loading={open.isPending}
          onClick={() => {
            open.mutate({ caseId: request.caseRef.caseId, helpRequestId: request.id });
          }}
          data-testid="help-open-window"
        >
          {open.isPending
            ? t('remote.opening')
            : asked
              ? t('help.openWindow')
              : t('help.openAgain')}
        </Button>
      }
      data-testid="help-window-prompt"
      data-asked={String(asked)}
    />
  );
}

/** The expert's way into the window of a request: ask for one, wait for it, join it. */
function ExpertWindowAction({
  request,
  windows,
}: {
  request: HelpRequest;
  windows: RemoteSessionView[] | undefined;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const join = useJoinWindow();
  const ask = useMutation({
    mutationFn: () => client.help.askSession({ id: request.id }),
    onSuccess: (next) => helpChanged(queryClient, next),
  });
  if (request.state !== 'claimed') return null;
  const sessionId = request.sessionId;
  // The hub knows a window ended even when this engine no longer lists it (a restart).
  const here =
    sessionId === null
      ? 'unknown'
      : request.sessionEnded
        ? 'ended'
        : windowHere(windows, sessionId);
  let action;
  if (sessionId !== null && here === 'open') {
    action = (
      <Button
        type="primary"
        icon={<DesktopOutlined />}
        onClick={() => void navigate(`/remote/${sessionId}`)}
        data-testid="help-back-to-window"
      >
        {t('help.backToWindow')}
      </Button>
    );
  } else if (sessionId !== null && here === 'ended') {
    action = (
      <Typography.Text type="secondary" data-testid="help-window-ended">
        {t('help.windowEnded')}
      </Typography.Text>
    );
  } else if (sessionId !== null) {
    action = (
      <Button
        type="primary"
        icon={<LoginOutlined />}
        loading={join.isPending}
        onClick={() => {
          join.mutate({ helpRequestId: request.id });
        }}
        data-testid="help-join-window"
      >
        {join.isPending ? t('remote.joining') : t('help.joinWindow')}
      </Button>
    );
  } else if (request.sessionAskedAt !== null) {
    action = (
      <Typography.Text type="secondary" data-testid="help-session-asked">
        {t('help.sessionAskedAt', { at: formatDateTime(request.sessionAskedAt) })}
      </Typography.Text>
    );
  } else {
    action = (
      <Button
        icon={<DesktopOutlined />}
        loading={ask.isPending}
        title={t('help.askSessionHint')}
        onClick={() => {
          ask.mutate();
        }}
        data-testid="help-ask-session"
      >
        {t('help.askSession')}
      </Button>
    );
  }
  return (
    <div className="help-window-action">
      {action}
      <ErrorAlert error={ask.error ?? join.error ?? undefined} />
    </div>
  );
}

interface HelpRequestDetailProps {
  request: HelpRequest;
  side: HelpSide;
  hubNow: number;
  windows: RemoteSessionView[] | undefined;
}

/** One request in full: the facts, the remote window, the thread, and closing it. */
export function HelpRequestDetail({ request, side, hubNow, windows }: HelpRequestDetailProps) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const [closing, setClosing] = useState<'resolved' | 'unresolved'>();

  const post = useMutation({
    mutationFn: (text: string) => client.help.post({ id: request.id, text }),
    onSuccess: (next) => helpChanged(queryClient, next),
  });
  const close = useMutation({
    mutationFn: (input: { outcome: 'resolved' | 'unresolved' | 'cancelled'; note: string }) =>
      client.help.close({ id: request.id, ...input }),
    onSuccess: async (next, input) => {
      setClosing(undefined);
      void message.success(t(`help.closedAs.${input.outcome}`));
      await helpChanged(queryClient, next);
    },
  });

  const confirmCancel = () => {
    modal.confirm({
      title: t('help.cancelConfirm'),
      content: t('help.cancelHint'),
      okText: t('help.cancel'),
      okButtonProps: { danger: true, ...testId('help-cancel-confirm') },
      cancelText: t('common.cancel'),
      onOk: () => close.mutateAsync({ outcome: 'cancelled', note: '' }).catch(() => undefined),
    });
  };

  const open = isOpen(request);
  const expert = request.expert;
  return (
    <Card
      className="page-section help-detail"
      data-testid="help-detail"
      data-id={request.id}
      data-state={request.state}
      title={
        <span className="help-detail-title">
          <span className="mono">{request.caseRef.reference}</span>
          <Typography.Text>{request.caseRef.matterName}</Typography.Text>
        </span>
      }
      extra={
        <Space size={4}>
          {request.urgency === 'urgent' ? (
            <Tag color="red">{t('help.urgencies.urgent')}</Tag>
          ) : null}
          <Tag color={helpStateColours[request.state]} data-testid="help-detail-state">
            {t(`help.states.${request.state}`)}
          </Tag>
        </Space>
      }
    >
      <Space orientation="vertical" size={12} className="full-width">
        {side === 'clerk' ? (
          <WindowPrompt request={request} windows={windows} />
        ) : (
          <ExpertWindowAction request={request} windows={windows} />
        )}
        <Typography.Paragraph className="help-question" data-testid="help-detail-question">
          {request.question}
        </Typography.Paragraph>
        <Descriptions size="small" column={{ xs: 1, lg: 2 }}>
          <Descriptions.Item label={t('help.matter')}>
            {request.caseRef.matterName}
            <Typography.Text type="secondary"> · {request.caseRef.department}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('help.requester')}>
            {request.requester.displayName}
            <Typography.Text type="secondary"> · {request.hall.name}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('help.raisedAt')}>
            {formatDateTime(request.createdAt)}
          </Descriptions.Item>
          <Descriptions.Item
            label={request.claimedAt === null ? t('help.waited') : t('help.firstResponse')}
          >
            <WaitFigure request={request} hubNow={hubNow} labelled={false} />
          </Descriptions.Item>
          <Descriptions.Item label={t('help.expert')}>
            <span data-testid="help-expert">
              {expert
                ? t('help.expertOf', { name: expert.displayName, hall: expert.hallName })
                : t('help.noExpert')}
            </span>
          </Descriptions.Item>
          {request.closedAt !== null ? (
            <Descriptions.Item label={t('help.closedAt')}>
              {formatDateTime(request.closedAt)}
              {request.resolutionNote ? (
                <Typography.Text type="secondary"> · {request.resolutionNote}</Typography.Text>
              ) : null}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        <div>
          <Typography.Text strong>{t('help.thread')}</Typography.Text>
          <ChatThread
            testId="help-chat"
            lines={request.messages.map((line) => ({
              id: String(line.id),
              author: line.author.displayName,
              text: line.text,
              at: line.at,
              mine: line.author.side === side,
            }))}
            onSend={(text) => post.mutateAsync(text)}
            closedHint={open ? undefined : t('chat.closed')}
          />
        </div>
        <ErrorAlert error={close.isError && !closing ? close.error : undefined} />
        <div className="help-detail-actions">
          {side === 'clerk' ? (
            <Button
              icon={<FileTextOutlined />}
              onClick={() => void navigate(`/cases/${String(request.caseRef.caseId)}`)}
              data-testid="help-open-case"
            >
              {t('help.openCase')}
            </Button>
          ) : null}
          <span className="page-toolbar-spacer" />
          {request.state === 'claimed' ? (
            <>
              <Button
                icon={<CheckCircleOutlined />}
                onClick={() => {
                  close.reset();
                  setClosing('resolved');
                }}
                data-testid="help-resolve"
              >
                {t('help.resolve')}
              </Button>
              <Button
                icon={<CloseCircleOutlined />}
                onClick={() => {
                  close.reset();
                  setClosing('unresolved');
                }}
                data-testid="help-unresolve"
              >
                {t('help.unresolve')}
              </Button>
            </>
          ) : null}
          {side === 'clerk' && open ? (
            <Button
              danger
              icon={<RollbackOutlined />}
              loading={close.isPending && close.variables.outcome === 'cancelled'}
              onClick={confirmCancel}
              data-testid="help-cancel"
            >
              {t('help.cancel')}
            </Button>
          ) : null}
        </div>
      </Space>
      {closing ? (
        <CloseHelpDialog
          outcome={closing}
          saving={close.isPending}
          error={close.error ?? undefined}
          onSubmit={(note) => {
            close.mutate({ outcome: closing, note });
          }}
          onCancel={() => {
            setClosing(undefined);
          }}
        />
      ) : null}
    </Card>
  );
}
