import { useTranslation } from 'react-i18next';
import type { WalkStageRecord } from '@shared/api/walks';
import { formatMinutes } from './format-duration';

/** A stage with both edges known, as milliseconds. */
interface Span {
  stage: WalkStageRecord['stage'];
  start: number;
  end: number;
  minutes: number | null;
}

function spansOf(stages: readonly WalkStageRecord[]): Span[] {
  return stages.flatMap((stage) =>
    stage.startedAt && stage.endedAt
      ? [
          {
            stage: stage.stage,
            start: Date.parse(stage.startedAt),
            end: Date.parse(stage.endedAt),
            minutes: stage.durationMinutes,
          },
        ]
      : [],
  );
}

/**
 * The stages laid along one time axis, each bar as long as the stage took: where the time went
 * at a glance. Stages the leader never timed are left out.
 */
export function StageBars({ stages }: { stages: readonly WalkStageRecord[] }) {
  const { t } = useTranslation();
  const spans = spansOf(stages);
  if (spans.length === 0) return null;
  const first = Math.min(...spans.map((span) => span.start));
  const last = Math.max(...spans.map((span) => span.end));
  const total = Math.max(last - first, 1);
  return (
    <div className="stage-bars" data-testid="report-stage-bars">
      {spans.map((span) => {
        const left = ((span.start - first) / total) * 100;
        // A zero-length stage still shows as a sliver.
        const width = Math.max(((span.end - span.start) / total) * 100, 0.8);
        return (
          <div key={span.stage} className="stage-bar-row">
            <span className="stage-bar-label">{t(`walkLabels.stage.${span.stage}`)}</span>
            <span className="stage-bar-track">
              <span
                className={`stage-bar stage-bar-${span.stage}`}
                style={{
                  left: `${String(left)}%`,
                  width: `${String(Math.min(width, 100 - left))}%`,
                }}
              />
            </span>
            <span className="stage-bar-value">{formatMinutes(t, span.minutes)}</span>
          </div>
        );
      })}
    </div>
  );
}
