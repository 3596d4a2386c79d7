import { useEffect, useRef, useState } from 'react';
import { Button, Input, Space, Typography } from 'antd';
import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Answer } from '@shared/api/copilot';
import type { Citation } from '@shared/api/review';
import { useClient } from '../../app/engine-context';
import { useSystemStatus } from '../status';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { AnswerCard } from './AnswerCard';
import { EntryDrawer } from './EntryDrawer';

/**
 * 智能问答 beside a case (retrieval prefers its matter) or on its own: a conversation of cited
 * answers; follow-up questions keep the conversation's context.
 */
export function CopilotPanel({
  caseId,
  matterName,
}: {
  caseId?: number;
  matterName?: string | undefined;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const [question, setQuestion] = useState('');
  const [answers, setAnswers] = useState<Answer[]>([]);
  const [opened, setOpened] = useState<{ citation: Citation; quotes: string[] }>();
  const [streaming, setStreaming] = useState<Record<number, string>>({});
  const modelLoaded = useSystemStatus().data?.model.state === 'loaded';
  useEffect(
    () =>
      client.events.on('copilot.token', ({ answerId, text }) => {
        setStreaming((previous) => ({
          ...previous,
          [answerId]: (previous[answerId] ?? '') + text,
        }));
      }),
    [client],
  );
  const replace = (updated: Answer) => {
    setAnswers((previous) => previous.map((each) => (each.id === updated.id ? updated : each)));
  };
  // The model writes after the extractive answer is on screen; failures leave that answer be.
  const generate = useMutation({
    mutationFn: (answerId: number) => client.copilot.generate({ answerId }),
    onSuccess: replace,
    onSettled: (_answer, _error, answerId) => {
      setStreaming((previous) =>
        Object.fromEntries(Object.entries(previous).filter(([id]) => Number(id) !== answerId)),
      );
    },
  });
  const end = useRef<HTMLDivElement>(null);
  const conversationId = answers[0]?.conversationId;

  const ask = useMutation({
    mutationFn: (text: string) =>
      client.copilot.ask({
        question: text,
        ...(conversationId !== undefined
          ? { conversationId }
          : caseId !== undefined
            ? { caseId }
            : {}),
      }),
    onSuccess: (answer) => {
      setAnswers((previous) => [...previous, answer]);
      setQuestion('');
      if (modelLoaded && answer.status === 'answered') {
        setStreaming((previous) => ({ ...previous, [answer.id]: '' }));
        generate.mutate(answer.id);
      }
    },
  });
  const feedback = useMutation({
    mutationFn: (input: { answerId: number; helpful: boolean; comment?: string | undefined }) =>
      client.copilot.feedback({
        answerId: input.answerId,
        helpful: input.helpful,
        ...(input.comment ? { comment: input.comment } : {}),
      }),
    onSuccess: replace,
  });

  useEffect(() => {
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [answers.length]);

  const send = () => {
    const text = question.trim();
    if (text && !ask.isPending) ask.mutate(text);
  };

  return (
    <div className="copilot-panel" data-testid="copilot-panel">
      <div className="copilot-head">
        <Typography.Text type="secondary">
          {matterName ? t('copilot.context', { matter: matterName }) : t('copilot.empty')}
        </Typography.Text>
        {answers.length > 0 ? (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => {
              setAnswers([]);
            }}
            data-testid="copilot-new"
          >
            {t('copilot.newConversation')}
          </Button>
        ) : null}
      </div>
      <div className="copilot-answers">
        {answers.map((answer) => (
          <AnswerCard
            key={answer.id}
            answer={answer}
            streamingText={streaming[answer.id]}
            feedbackPending={feedback.isPending && feedback.variables.answerId === answer.id}
            onFeedback={(helpful, comment) => {
              feedback.mutate({ answerId: answer.id, helpful, comment });
            }}
            onOpenCitation={(citation, quotes) => {
              setOpened({ citation, quotes });
            }}
          />
        ))}
        {ask.isPending ? (
          <Typography.Text type="secondary" data-testid="copilot-asking">
            {t('copilot.asking')}
          </Typography.Text>
        ) : null}
        <div ref={end} />
      </div>
      <ErrorAlert error={ask.error ?? feedback.error ?? generate.error ?? undefined} />
      <Space.Compact className="copilot-input">
        <Input
          value={question}
          maxLength={300}
          placeholder={t('copilot.placeholder')}
          onChange={(event) => {
            setQuestion(event.target.value);
          }}
          onPressEnter={send}
          data-testid="copilot-question"
          aria-label={t('copilot.title')}
        />
        <Button
          type="primary"
          icon={<SendOutlined />}
          loading={ask.isPending}
          onClick={send}
          data-testid="copilot-ask"
        >
          {t('copilot.ask')}
        </Button>
      </Space.Compact>
      <EntryDrawer
        citation={opened?.citation}
        quotes={opened?.quotes}
        onClose={() => {
          setOpened(undefined);
        }}
      />
    </div>
  );
}
