import { useState } from 'react';
import { Button, Card, Rate, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined, EditOutlined, PlayCircleFilled, StopFilled } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { WalkDetail, WalkStageRecord } from '@shared/api/walks';
import { useClient } from '../../app/engine-context';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatMinutes } from './format-duration';
import { RunningClock } from './RunningClock';
import { StageEditDialog } from './StageEditDialog';
import { useWalkAction } from './use-walk-action';

type Source = WalkStageRecord['startSource'];

function SourceTag({ source }: { source: Source }) {
  const { t } = useTranslation();
  if (source === null) return null;
  const colour = source === 'case' ? 'cyan' : source === 'edited' ? 'orange' : 'default';
  return (
    <Tag color={colour} className="stage-source" data-source={source}>
      {t(`walkLabels.source.${source}`)}
    </Tag>
  );
}

/** Local clock time of a stage edge; the date only when it is not today's. */
function edgeTime(value: string | null): string {
  if (!value) return '—';
  const date = dayjs(value);
  return date.format(date.isSame(dayjs(), 'day') ? 'HH:mm' : 'MM-DD HH:mm');
}

interface StageTimelineProps {
  walk: WalkDetail;
  /** The walk's own leader, on a walk not yet finished. */
  editable: boolean;
}

/**
 * The six stages top to bottom, each with its one-tap timer: big buttons, for a leader holding
 * a tablet while walking beside the applicant.
 */
export function StageTimeline({ walk, editable }: StageTimelineProps) {
  const { t } = useTranslation();
  const client = useClient();
  const [editing, setEditing] = useState<WalkStageRecord>();
  const time = useWalkAction((input: { stage: WalkStageRecord['stage']; edge: 'start' | 'end' }) =>
    client.walks.timeStage({ walkId: walk.id, ...input }),
  );
  const timing = walk.status === 'in_progress' && editable;
  // The one button the leader most likely taps next stands out: end the running stage, else
  // start the first stage not yet begun.
  const next =
    walk.runningStage ?? walk.stages.find((stage) => stage.startedAt === null)?.stage ?? null;

  return (
    <Card title={t('walk.stages')} className="page-section stage-card" data-testid="walk-stages">
      <ErrorAlert error={time.error ?? undefined} testId="stage-error" />
      <ol className="stage-list">
        {walk.stages.map((stage, index) => {
          const running = walk.runningStage === stage.stage;
          const done = stage.startedAt !== null && stage.endedAt !== null;
          const edge = stage.startedAt === null ? 'start' : stage.endedAt === null ? 'end' : null;
          const pending = time.isPending && time.variables.stage === stage.stage;
          return (
            <li
              key={stage.stage}
              className={`stage-row${running ? ' stage-row-running' : ''}${done ? ' stage-row-done' : ''}`}
              data-testid="stage-row"
              data-stage={stage.stage}
              data-state={
                running ? 'running' : done ? 'done' : stage.startedAt ? 'started' : 'idle'
              }
            >
              <div className="stage-marker" aria-hidden>
                {done ? <CheckOutlined /> : index + 1}
              </div>
              <div className="stage-main">
                <div className="stage-title">
                  <Typography.Text strong className="stage-name">
                    {t(`walkLabels.stage.${stage.stage}`)}
                  </Typography.Text>
                  {running ? <Tag color="processing">{t('walk.stageRunning')}</Tag> : null}
                  {stage.channel ? <Tag>{t(`walkLabels.channel.${stage.channel}`)}</Tag> : null}
                  {stage.rating ? (
                    <Rate disabled value={stage.rating} className="stage-rating" />
                  ) : null}
                </div>
                <div className="stage-times">
                  <span>
                    {t('walk.stageStart')} <b className="mono">{edgeTime(stage.startedAt)}</b>
                    <SourceTag source={stage.startSource} />
                  </span>
                  <span>
                    {t('walk.stageEnd')} <b className="mono">{edgeTime(stage.endedAt)}</b>
                    <SourceTag source={stage.endSource} />
                  </span>
                  <span>
                    {t('walk.duration')}{' '}
                    {running && stage.startedAt ? (
                      <RunningClock since={stage.startedAt} />
                    ) : (
                      <b data-testid="stage-duration">{formatMinutes(t, stage.durationMinutes)}</b>
                    )}
                  </span>
                </div>
                {stage.observations ? (
                  <Typography.Paragraph
                    className="stage-observations"
                    ellipsis={{ rows: 2, expandable: true }}
                  >
                    {stage.observations}
                  </Typography.Paragraph>
                ) : null}
              </div>
              <div className="stage-actions">
                {timing && edge ? (
                  <Button
                    size="large"
                    type={stage.stage === next ? 'primary' : 'default'}
                    danger={edge === 'end'}
                    className="stage-timer"
                    icon={edge === 'start' ? <PlayCircleFilled /> : <StopFilled />}
                    loading={pending}
                    disabled={time.isPending && !pending}
                    onClick={() => {
                      time.mutate({ stage: stage.stage, edge });
                    }}
                    data-testid={`stage-${edge}`}
                  >
                    {edge === 'start' ? t('walk.stageStart') : t('walk.stageEnd')}
                  </Button>
                ) : null}
                {timing ? (
                  <Tooltip title={t('walk.stageEdit')}>
                    <Button
                      size="large"
                      icon={<EditOutlined />}
                      onClick={() => {
                        setEditing(stage);
                      }}
                      aria-label={`${t('walk.stageEdit')} ${t(`walkLabels.stage.${stage.stage}`)}`}
                      data-testid="stage-edit"
                    />
                  </Tooltip>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
      {editing ? (
        <StageEditDialog
          walkId={walk.id}
          stage={editing}
          onClose={() => {
            setEditing(undefined);
          }}
        />
      ) : null}
    </Card>
  );
}
