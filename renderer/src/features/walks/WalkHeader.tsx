import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, Space, Tooltip, Typography } from 'antd';
import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  FileTextOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
} from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { WalkDetail } from '@shared/api/walks';
import { useClient } from '../../app/engine-context';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { FinishWalkDialog } from './FinishWalkDialog';
import { useWalkAction } from './use-walk-action';
import { WalkStatusTag } from './WalkTags';

/** What is walked, by whom and where, and the walk's own controls: start, pause, finish. */
export function WalkHeader({ walk, runner }: { walk: WalkDetail; runner: boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const navigate = useNavigate();
  const [finishing, setFinishing] = useState(false);
  const start = useWalkAction(() => client.walks.start({ walkId: walk.id }), t('walks.started'));
  const pause = useWalkAction(() => client.walks.pause({ walkId: walk.id }), t('walk.paused'));
  const resume = useWalkAction(() => client.walks.resume({ walkId: walk.id }), t('walk.resumed'));
  const busy = start.isPending || pause.isPending || resume.isPending;
  const notices: ReactNode[] = [];
  if (walk.status === 'finished')
    notices.push(
      <Alert
        key="locked"
        type="success"
        showIcon
        title={t('walk.locked')}
        data-testid="walk-locked"
      />,
    );
  else if (!runner)
    notices.push(<Alert key="read" type="info" showIcon title={t('walk.readOnly')} />);
  else if (walk.status === 'paused')
    notices.push(<Alert key="paused" type="warning" showIcon title={t('walk.pausedHint')} />);
  else if (walk.status === 'scheduled')
    notices.push(<Alert key="scheduled" type="info" showIcon title={t('walk.scheduledHint')} />);

  return (
    <Card className="page-section walk-header" data-testid="walk-header">
      <div className="walk-header-top">
        <Tooltip title={t('walk.back')}>
          <Button
            type="text"
            size="large"
            icon={<ArrowLeftOutlined />}
            onClick={() => void navigate('/walks')}
            aria-label={t('walk.back')}
          />
        </Tooltip>
        <Typography.Title level={3} className="walk-header-title" data-testid="walk-matter">
          {walk.matterName}
        </Typography.Title>
        <WalkStatusTag status={walk.status} testId="walk-status" />
        <span className="walk-header-actions">
          {runner && walk.status === 'scheduled' ? (
            <Button
              size="large"
              type="primary"
              icon={<PlayCircleOutlined />}
              loading={start.isPending}
              disabled={busy}
              onClick={() => {
                start.mutate(undefined);
              }}
              data-testid="walk-start"
            >
              {t('walk.start')}
            </Button>
          ) : null}
          {runner && walk.status === 'in_progress' ? (
            <Button
              size="large"
              icon={<PauseCircleOutlined />}
              loading={pause.isPending}
              disabled={busy}
              onClick={() => {
                pause.mutate(undefined);
              }}
              data-testid="walk-pause"
            >
              {t('walk.pause')}
            </Button>
          ) : null}
          {runner && walk.status === 'paused' ? (
            <Button
              size="large"
              icon={<PlayCircleOutlined />}
              loading={resume.isPending}
              disabled={busy}
              onClick={() => {
                resume.mutate(undefined);
              }}
              data-testid="walk-resume"
            >
              {t('walk.resume')}
            </Button>
          ) : null}
          {runner && (walk.status === 'in_progress' || walk.status === 'paused') ? (
            <Button
              size="large"
              type="primary"
              icon={<CheckCircleOutlined />}
              disabled={busy}
              onClick={() => {
                setFinishing(true);
              }}
              data-testid="walk-finish"
            >
              {t('walk.finish')}
            </Button>
          ) : null}
          {walk.status === 'scheduled' || walk.status === 'cancelled' ? null : (
            <Button
              size="large"
              icon={<FileTextOutlined />}
              onClick={() => void navigate(`/walks/${String(walk.id)}/report`)}
              data-testid="walk-report"
            >
              {t('walk.report')}
            </Button>
          )}
        </span>
      </div>
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label={t('walk.unit')}>{walk.unitName}</Descriptions.Item>
        <Descriptions.Item label={t('walk.leader')}>{walk.leaderName}</Descriptions.Item>
        <Descriptions.Item label={t('walk.hall')}>{walk.hall}</Descriptions.Item>
        <Descriptions.Item label={t('walk.case')}>
          {walk.caseId !== null ? (
            <Link
              to={`/cases/${String(walk.caseId)}`}
              className="mono"
              data-testid="walk-case-link"
            >
              {walk.caseReference ?? walk.caseId}
            </Link>
          ) : (
            <Typography.Text type="secondary">{t('walk.noCase')}</Typography.Text>
          )}
        </Descriptions.Item>
        {walk.plannedDate ? (
          <Descriptions.Item label={t('walk.planned')}>{walk.plannedDate}</Descriptions.Item>
        ) : null}
        {walk.startedAt ? (
          <Descriptions.Item label={t('walk.startedAt')}>
            {formatDateTime(walk.startedAt)}
          </Descriptions.Item>
        ) : null}
        {walk.finishedAt ? (
          <Descriptions.Item label={t('walk.finishedAt')}>
            {formatDateTime(walk.finishedAt)}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {notices.length > 0 ? (
        <Space orientation="vertical" className="walk-header-notes">
          {notices}
        </Space>
      ) : null}
      <ErrorAlert error={start.error ?? pause.error ?? resume.error ?? undefined} />
      {finishing ? (
        <FinishWalkDialog
          walk={walk}
          onClose={() => {
            setFinishing(false);
          }}
        />
      ) : null}
    </Card>
  );
}
