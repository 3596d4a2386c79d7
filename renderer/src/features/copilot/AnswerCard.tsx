import { useState } from 'react';
import { Alert, Button, Card, Input, Modal, Space, Tag, Tooltip, Typography } from 'antd';
import { DislikeOutlined, LikeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { testId } from '../../ui/test-id';
import type { Answer } from '@shared/api/copilot';
import type { Citation } from '@shared/api/review';

/**
 * One question and its answer: the quoted sentences with their citation numbers, the sources
 * (entry, version, effective date), and the helpful / not helpful marks.
 */
export function AnswerCard({
  answer,
  streamingText,
  feedbackPending,
  onFeedback,
  onOpenCitation,
}: {
  answer: Answer;
  /** The model's answer as it streams in; undefined when it is not generating. */
  streamingText?: string | undefined;
  feedbackPending: boolean;
  onFeedback: (helpful: boolean, comment?: string) => void;
  onOpenCitation: (citation: Citation, quotes: string[]) => void;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [comment, setComment] = useState('');
  const quotesOf = (index: number) =>
    answer.extract
      .filter((sentence) => sentence.citation === index)
      .map((sentence) => sentence.text);
  return (
    <Card
      size="small"
      className="answer-card"
      data-testid="copilot-answer"
      data-status={answer.status}
      title={<span className="answer-question">{answer.question}</span>}
    >
      {answer.status === 'no_basis' ? (
        <Alert
          type="warning"
          showIcon
          data-testid="copilot-no-basis"
          title={
            answer.gapDueBy
              ? t('copilot.noBasis', { due: answer.gapDueBy })
              : t('copilot.noBasisNoDue')
          }
        />
      ) : (
        <>
          <Typography.Paragraph className="answer-extract">
            {answer.extract.map((sentence, index) => (
              <span key={index}>
                {sentence.text}
                <sup className="citation-mark">[{sentence.citation + 1}]</sup>
              </span>
            ))}
          </Typography.Paragraph>
          <div className="answer-sources">
            <Typography.Text type="secondary">{t('copilot.sources')}</Typography.Text>
            <ol>
              {answer.citations.map((citation, index) => (
                <li
                  key={`${citation.entryId}@${String(citation.version)}`}
                  data-testid="copilot-citation"
                  data-entry={citation.entryId}
                >
                  <Button
                    type="link"
                    size="small"
                    className="citation-link"
                    onClick={() => {
                      onOpenCitation(citation, quotesOf(index));
                    }}
                  >
                    [{index + 1}] {citation.title}
                  </Button>
                  <Typography.Text type="secondary" className="citation-meta">
                    {citation.entryId} · {t('copilot.version', { version: citation.version })} ·{' '}
                    {t('copilot.effective', { date: citation.effectiveFrom })}
                  </Typography.Text>
                </li>
              ))}
            </ol>
          </div>
        </>
      )}
      {streamingText !== undefined ? (
        <div className="answer-generated" data-testid="copilot-streaming">
          <Typography.Text type="secondary">{t('copilot.generating')}</Typography.Text>
          <Typography.Paragraph>{streamingText}</Typography.Paragraph>
        </div>
      ) : null}
      {answer.generated ? <GeneratedAnswer generated={answer.generated} /> : null}
      <Space className="answer-footer">
        <Typography.Text type="secondary">
          {t('copilot.support', { value: Math.round(answer.support * 100) })}
        </Typography.Text>
        {answer.helpful === true ? <Tag color="green">{t('copilot.thanks')}</Tag> : null}
        {answer.gapId !== null ? <Tag color="orange">{t('copilot.gapRaised')}</Tag> : null}
        {answer.status === 'answered' && answer.helpful === null ? (
          <>
            <Tooltip title={t('copilot.helpful')}>
              <Button
                size="small"
                icon={<LikeOutlined />}
                loading={feedbackPending}
                onClick={() => {
                  onFeedback(true);
                }}
                data-testid="copilot-helpful"
              >
                {t('copilot.helpful')}
              </Button>
            </Tooltip>
            <Button
              size="small"
              icon={<DislikeOutlined />}
              onClick={() => {
                setAsking(true);
              }}
              data-testid="copilot-unhelpful"
            >
              {t('copilot.unhelpful')}
            </Button>
          </>
        ) : null}
      </Space>
      <Modal
        open={asking}
        title={t('copilot.unhelpfulTitle')}
        onCancel={() => {
          setAsking(false);
        }}
        onOk={() => {
          setAsking(false);
          onFeedback(false, comment.trim() || undefined);
        }}
        okButtonProps={{ ...testId('copilot-unhelpful-confirm') }}
      >
        <Input.TextArea
          value={comment}
          maxLength={300}
          placeholder={t('copilot.unhelpfulComment')}
          onChange={(event) => {
            setComment(event.target.value);
          }}
        />
      </Modal>
    </Card>
  );
}

/** The model's answer with every sentence's citations; a sentence without one is flagged. */
function GeneratedAnswer({ generated }: { generated: NonNullable<Answer['generated']> }) {
  const { t } = useTranslation();
  return (
    <div className="answer-generated" data-testid="copilot-generated">
      <Typography.Text type="secondary">
        {t('copilot.generated')} ·{' '}
        {t('copilot.speed', {
          ttft: (generated.timeToFirstTokenMs / 1000).toFixed(1),
          speed: generated.tokensPerSecond,
        })}
      </Typography.Text>
      <Typography.Paragraph>
        {generated.sentences.map((sentence, index) =>
          sentence.uncited ? (
            <Tooltip key={index} title={t('copilot.uncited')}>
              <mark className="answer-uncited" data-testid="copilot-uncited">
                {sentence.text}
              </mark>
            </Tooltip>
          ) : (
            <span key={index}>{sentence.text}</span>
          ),
        )}
      </Typography.Paragraph>
      {generated.invalidCitations.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('copilot.invalidCitations', { numbers: generated.invalidCitations.join('、') })}
        />
      ) : null}
    </div>
  );
}
