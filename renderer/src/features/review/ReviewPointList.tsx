import { Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Review, ReviewPointState } from '@shared/api/review';
import { kindColours } from './review-labels';

interface Group {
  title: string;
  points: { point: ReviewPointState; index: number }[];
}

function groupsOf(review: Review, wholeCase: string): Group[] {
  const names = new Map(review.materials.map((material) => [material.code, material.name]));
  const groups: Group[] = [];
  review.points.forEach((point, index) => {
    const title =
      point.materialCode === null
        ? wholeCase
        : (names.get(point.materialCode) ?? point.materialCode);
    const last = groups.at(-1);
    if (last?.title === title) last.points.push({ point, index });
    else groups.push({ title, points: [{ point, index }] });
  });
  return groups;
}

function VerdictIcon({ point }: { point: ReviewPointState }) {
  const { t } = useTranslation();
  if (point.decision?.verdict === 'pass') {
    return <CheckCircleFilled className="verdict-pass" aria-label={t('review.verdict.pass')} />;
  }
  if (point.decision?.verdict === 'fail') {
    return <CloseCircleFilled className="verdict-fail" aria-label={t('review.verdict.fail')} />;
  }
  return <MinusCircleOutlined className="verdict-none" aria-hidden />;
}

/** The review points grouped by material, with each one's verdict; click or J/K to move. */
export function ReviewPointList({
  review,
  current,
  onSelect,
}: {
  review: Review;
  current: number;
  onSelect: (index: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <nav className="review-point-list" aria-label={t('review.title')} data-testid="review-points">
      {groupsOf(review, t('review.wholeCase')).map((group) => (
        <div key={`${group.title}-${String(group.points[0]?.index)}`} className="review-group">
          <Typography.Text type="secondary" className="review-group-title" ellipsis>
            {group.title}
          </Typography.Text>
          {group.points.map(({ point, index }) => (
            <button
              type="button"
              key={point.code}
              className={`review-point-item${index === current ? ' review-point-item-current' : ''}`}
              onClick={() => {
                onSelect(index);
              }}
              aria-current={index === current ? 'step' : undefined}
              data-testid="review-point-item"
              data-code={point.code}
              data-verdict={point.decision?.verdict ?? 'none'}
            >
              <VerdictIcon point={point} />
              <span className="review-point-item-title">{point.title}</span>
              <Tag color={kindColours[point.kind]} className="review-point-item-kind">
                {t(`review.kind.${point.kind}`)}
              </Tag>
            </button>
          ))}
        </div>
      ))}
    </nav>
  );
}
