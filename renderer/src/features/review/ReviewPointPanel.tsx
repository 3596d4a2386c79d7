import type { Ref } from 'react';
import { Alert, Button, Card, Descriptions, Input, Space, Tag, Tooltip, Typography } from 'antd';
import {
  CheckOutlined,
  CloseOutlined,
  LeftOutlined,
  RightOutlined,
  RobotOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Citation, ReviewPointState, ReviewVerdict } from '@shared/api/review';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { pickText } from '../../ui/api-error';
import { formatDateTime } from '../../ui/format';
import { useLanguage } from '../../ui/use-language';
import { kindColours, suggestionColours } from './review-labels';

interface ReviewPointPanelProps {
  point: ReviewPointState;
  position: { index: number; total: number };
  canDecide: boolean;
  modelReady: boolean;
  note: string;
  onNoteChange: (note: string) => void;
  noteRef: Ref<TextAreaRef>;
  noteError: string | undefined;
  deciding: ReviewVerdict | undefined;
  onDecide: (verdict: ReviewVerdict) => void;
  onMove: (step: 1 | -1) => void;
  onOpenPassage: (citation: Citation) => void;
  asking: boolean;
  onAskModel: () => void;
}

function Suggestion({ point, modelReady }: { point: ReviewPointState; modelReady: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const suggestion = point.suggestion;
  if (suggestion) {
    const failing = suggestion.verdict === 'fail';
    return (
      <Alert
        type={suggestion.verdict === 'pass' ? 'success' : failing ? 'error' : 'warning'}
        showIcon
        data-testid="review-suggestion"
        data-verdict={suggestion.verdict}
        title={
          <Space>
            <span>{t(`review.suggestion.${suggestion.source}`)}</span>
            <Tag color={suggestionColours[suggestion.verdict]}>
              {t(`review.verdict.${suggestion.verdict}`)}
            </Tag>
          </Space>
        }
        description={pickText(suggestion.reason, language)}
      />
    );
  }
  if (point.kind === 'model' && !modelReady) {
    return <Alert type="info" showIcon title={t('review.noModel')} data-testid="review-no-model" />;
  }
  if (point.kind === 'manual') return <Alert type="info" showIcon title={t('review.manual')} />;
  return null;
}

function Passages({
  passages,
  onOpen,
}: {
  passages: Citation[];
  onOpen: (citation: Citation) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="review-passages" data-testid="review-passages">
      <Typography.Text strong>{t('review.passages', { count: passages.length })}</Typography.Text>
      {passages.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('review.noPassages')}</Typography.Paragraph>
      ) : (
        <ul>
          {passages.map((passage) => (
            <li key={`${passage.entryId}@${String(passage.version)}`}>
              <Button
                type="link"
                size="small"
                className="citation-link"
                onClick={() => {
                  onOpen(passage);
                }}
              >
                {passage.title}
              </Button>
              <Typography.Text type="secondary" className="citation-meta">
                {passage.entryId} · {t('copilot.version', { version: passage.version })} ·{' '}
                {t('copilot.effective', { date: passage.effectiveFrom })}
              </Typography.Text>
              <Typography.Paragraph type="secondary" className="citation-snippet">
                {passage.snippet}
              </Typography.Paragraph>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** One review point: what to check, what the system found, the knowledge, and the verdict. */
export function ReviewPointPanel({
  point,
  position,
  canDecide,
  modelReady,
  note,
  onNoteChange,
  noteRef,
  noteError,
  deciding,
  onDecide,
  onMove,
  onOpenPassage,
  asking,
  onAskModel,
}: ReviewPointPanelProps) {
  const { t } = useTranslation();
  const decision = point.decision;
  return (
    <Card
      className="review-point-panel"
      data-testid="review-point"
      data-code={point.code}
      title={
        <div className="review-point-heading">
          <Typography.Text type="secondary">
            {position.index + 1} / {position.total}
          </Typography.Text>
          <Typography.Title
            level={5}
            className="review-point-title"
            data-testid="review-point-title"
          >
            {point.title}
          </Typography.Title>
          <Tag color={kindColours[point.kind]}>{t(`review.kind.${point.kind}`)}</Tag>
          {point.severity === 'blocking' ? (
            <Tag color="red">{t('review.severity.blocking')}</Tag>
          ) : null}
        </div>
      }
      extra={
        <Space>
          <Tooltip title="K / ↑">
            <Button
              icon={<LeftOutlined />}
              disabled={position.index === 0}
              onClick={() => {
                onMove(-1);
              }}
              aria-label="previous"
            />
          </Tooltip>
          <Tooltip title="J / ↓">
            <Button
              icon={<RightOutlined />}
              disabled={position.index === position.total - 1}
              onClick={() => {
                onMove(1);
              }}
              aria-label="next"
            />
          </Tooltip>
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" className="full-width">
        <Suggestion point={point} modelReady={modelReady} />
        {point.kind === 'model' && modelReady && canDecide ? (
          <Button
            icon={<RobotOutlined />}
            loading={asking}
            onClick={onAskModel}
            data-testid="review-ask-model"
          >
            {asking ? t('review.asking') : t('review.askModel')}
          </Button>
        ) : null}
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('review.guidance')}>{point.guidance}</Descriptions.Item>
          {point.correction ? (
            <Descriptions.Item label={t('review.correction')}>{point.correction}</Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('review.legalBasis')}>{point.legalBasis}</Descriptions.Item>
        </Descriptions>
        <Passages passages={point.passages} onOpen={onOpenPassage} />
        {decision ? (
          <Alert
            type={decision.verdict === 'pass' ? 'success' : 'error'}
            data-testid="review-decision"
            title={
              <Space wrap>
                <Tag color={decision.verdict === 'pass' ? 'green' : 'red'}>
                  {t(`review.verdict.${decision.verdict}`)}
                </Tag>
                <span>
                  {t('review.decidedBy', {
                    who: decision.decidedBy,
                    at: formatDateTime(decision.decidedAt),
                  })}
                </span>
                {decision.overrode ? <Tag color="gold">{t('review.overrode')}</Tag> : null}
              </Space>
            }
            description={decision.note ?? undefined}
          />
        ) : null}
        {canDecide ? (
          <div className="review-decide">
            <Input.TextArea
              ref={noteRef}
              value={note}
              onChange={(event) => {
                onNoteChange(event.target.value);
              }}
              placeholder={t('review.notePlaceholder')}
              autoSize={{ minRows: 2, maxRows: 5 }}
              maxLength={500}
              status={noteError ? 'error' : undefined}
              aria-label={t('review.note')}
              data-testid="review-note"
            />
            {noteError ? (
              <Typography.Text type="danger" data-testid="review-note-error">
                {noteError}
              </Typography.Text>
            ) : null}
            <Space>
              <Button
                type="primary"
                icon={<CheckOutlined />}
                loading={deciding === 'pass'}
                onClick={() => {
                  onDecide('pass');
                }}
                data-testid="review-pass"
              >
                {t('review.pass')} (P)
              </Button>
              <Button
                danger
                icon={<CloseOutlined />}
                loading={deciding === 'fail'}
                onClick={() => {
                  onDecide('fail');
                }}
                data-testid="review-fail"
              >
                {t('review.fail')} (F)
              </Button>
              <Typography.Text type="secondary">{t('review.keys')}</Typography.Text>
            </Space>
          </div>
        ) : null}
      </Space>
    </Card>
  );
}
