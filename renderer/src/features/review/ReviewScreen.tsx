import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { App, Button, Card, Col, Progress, Row, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import type { Citation, Review, ReviewVerdict } from '@shared/api/review';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { errorMessage, toApiError } from '../../ui/api-error';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { isTypingTarget } from '../../ui/keyboard';
import { useLanguage } from '../../ui/use-language';
import { CopilotPanel, EntryDrawer } from '../copilot';
import { ConcludeDialog } from './ConcludeDialog';
import { MaterialFieldsPanel } from './MaterialFieldsPanel';
import { ReviewPointList } from './ReviewPointList';
import { ReviewPointPanel } from './ReviewPointPanel';
import { firstUndecided, outcomeColours } from './review-labels';

function ReviewHeader({
  review,
  canEdit,
  starting,
  onStart,
  onConclude,
}: {
  review: Review;
  canEdit: boolean;
  starting: boolean;
  onStart: () => void;
  onConclude: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { decided, total } = review.progress;
  const canRestart = review.status === 'concluded' && review.outcome === 'correction';
  return (
    <Card className="page-section case-header">
      <div className="case-header-top">
        <Button
          type="text"
          icon={<ArrowLeftOutlined />}
          onClick={() => void navigate(`/cases/${String(review.caseId)}`)}
          aria-label={t('common.back')}
          data-testid="review-back"
        />
        <Typography.Title level={4} className="case-header-reference">
          {t('review.title')} · {review.caseReference}
        </Typography.Title>
        <Typography.Text type="secondary">
          {review.matter.name} · {review.matter.code} ·{' '}
          {t('caseDetail.version', { version: review.matter.version })}
        </Typography.Text>
        {review.round > 0 ? <Tag>{t('review.round', { round: review.round })}</Tag> : null}
        {review.outcome ? (
          <Tag color={outcomeColours[review.outcome]} data-testid="review-outcome">
            {t(`review.outcome.${review.outcome}`)}
          </Tag>
        ) : null}
      </div>
      <div className="review-progress-row">
        <Progress
          percent={total === 0 ? 0 : Math.round((decided / total) * 100)}
          format={() => t('review.progress', { decided, total })}
          className="review-progress"
          data-testid="review-progress"
        />
        <Space>
          {review.status === 'in_progress' && review.suggestedOutcome ? (
            <Tag color={outcomeColours[review.suggestedOutcome]}>
              {t('review.suggestedOutcome', {
                outcome: t(`review.outcome.${review.suggestedOutcome}`),
              })}
            </Tag>
          ) : null}
          {review.status === 'in_progress' && canEdit ? (
            <>
              <Button onClick={() => void navigate(`/cases/${String(review.caseId)}`)}>
                {t('review.pause')}
              </Button>
              <Button
                type="primary"
                disabled={review.suggestedOutcome === null}
                onClick={onConclude}
                data-testid="review-conclude"
              >
                {t('review.conclude')}
              </Button>
            </>
          ) : null}
          {review.status === 'concluded' && review.outcome !== 'accept' ? (
            <Button
              icon={<FilePdfOutlined />}
              onClick={() => void navigate(`/cases/${String(review.caseId)}/notice`)}
              data-testid="review-open-notice"
            >
              {t('review.printNotice')}
            </Button>
          ) : null}
          {canEdit && (review.status === 'not_started' || canRestart) ? (
            <Button type="primary" loading={starting} onClick={onStart} data-testid="review-start">
              {review.status === 'not_started'
                ? t('review.start')
                : t('review.restart', { round: review.round + 1 })}
            </Button>
          ) : null}
        </Space>
      </div>
    </Card>
  );
}

/** The guided review of one case: points on the left, the current one in the middle, fields and copilot on the right. */
export function ReviewScreen({ caseId, canEdit }: { caseId: number; canEdit: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const client = useClient();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState<number>();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string>();
  const [concluding, setConcluding] = useState(false);
  const [passage, setPassage] = useState<Citation>();
  const noteRef = useRef<TextAreaRef>(null);

  const review = useQuery({
    queryKey: queryKeys.review(caseId),
    queryFn: () => client.review.get({ caseId }),
  });
  const detail = useQuery({
    queryKey: queryKeys.case(caseId),
    queryFn: () => client.cases.get({ id: caseId }),
  });
  // The review is fresh from the engine; the case and the lists refresh in the background, so
  // the next key press is not held up by them.
  const reviewChanged = (next: Review) => {
    queryClient.setQueryData(queryKeys.review(caseId), next);
    void queryClient.invalidateQueries({ queryKey: queryKeys.cases });
  };

  const start = useMutation({
    mutationFn: () => client.review.start({ caseId }),
    onSuccess: (next) => {
      setCurrent(firstUndecided(next.points));
      reviewChanged(next);
    },
  });
  const decide = useMutation({
    mutationFn: (input: { pointCode: string; verdict: ReviewVerdict; note: string }) =>
      client.review.decide({
        caseId,
        pointCode: input.pointCode,
        verdict: input.verdict,
        ...(input.note.trim() ? { note: input.note.trim() } : {}),
      }),
    onSuccess: (next, input) => {
      setNote('');
      setNoteError(undefined);
      const index = next.points.findIndex((point) => point.code === input.pointCode);
      // On to the next undecided point after this one, else stay at the end.
      const after = next.points.findIndex((point, i) => i > index && point.decision === null);
      const anywhere = next.points.findIndex((point) => point.decision === null);
      setCurrent(after !== -1 ? after : anywhere !== -1 ? anywhere : index);
      reviewChanged(next);
    },
    onError: (error) => {
      const apiError = toApiError(error);
      if (apiError.path[0] === 'note') {
        setNoteError(errorMessage(error, language));
        noteRef.current?.focus();
      } else {
        void message.error(errorMessage(error, language));
      }
    },
  });
  const suggest = useMutation({
    mutationFn: (pointCode: string) => client.review.suggest({ caseId, pointCode }),
    onSuccess: (next) => {
      reviewChanged(next);
    },
    onError: (error) => {
      void message.error(errorMessage(error, language));
    },
  });
  const conclude = useMutation({
    mutationFn: () => client.review.conclude({ caseId }),
    onSuccess: (result) => {
      setConcluding(false);
      reviewChanged(result.review);
      if (result.notice) queryClient.setQueryData(queryKeys.notice(caseId), result.notice);
      void message.success(
        t('review.concluded', {
          outcome: t(`review.outcome.${result.review.outcome ?? 'accept'}`),
        }),
      );
    },
  });

  const data = review.data;
  const points = data?.points ?? [];
  const index = Math.min(
    current ?? (data ? firstUndecided(points) : 0),
    Math.max(points.length - 1, 0),
  );
  const point = points[index];
  const canDecide = canEdit && data?.status === 'in_progress';

  const move = (step: 1 | -1) => {
    setNoteError(undefined);
    setNote('');
    setCurrent(Math.max(0, Math.min(points.length - 1, index + step)));
  };
  const submit = (verdict: ReviewVerdict) => {
    if (!point || decide.isPending) return;
    decide.mutate({ pointCode: point.code, verdict, note });
  };

  // Keys act on the current point unless the clerk is typing (then Esc leaves the field).
  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (isTypingTarget(event.target)) {
      if (event.key === 'Escape' && event.target instanceof HTMLElement) event.target.blur();
      return;
    }
    const key = event.key.toLowerCase();
    if (key === 'j' || key === 'arrowdown') move(1);
    else if (key === 'k' || key === 'arrowup') move(-1);
    else if (canDecide && key === 'p') submit('pass');
    else if (canDecide && key === 'f') submit('fail');
    else if (canDecide && key === 'n') noteRef.current?.focus();
    else return;
    event.preventDefault();
  });
  useEffect(() => {
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
    };
  }, []);

  if (review.isPending) {
    return (
      <div className="page-center">
        <Spin size="large" />
      </div>
    );
  }
  if (review.isError) {
    return (
      <div className="page">
        {toApiError(review.error).code === 'NOT_FOUND' ? (
          <EmptyState title={t('caseDetail.notFound')} />
        ) : (
          <ErrorAlert error={review.error} />
        )}
      </div>
    );
  }
  const state = review.data;
  return (
    <div
      className="page page-scroll review-page"
      data-testid="review-screen"
      data-status={state.status}
    >
      <ReviewHeader
        review={state}
        canEdit={canEdit}
        starting={start.isPending}
        onStart={() => {
          start.mutate();
        }}
        onConclude={() => {
          setConcluding(true);
        }}
      />
      <ErrorAlert error={start.error ?? undefined} />
      {state.status === 'not_started' ? (
        <Card className="page-section">
          <Typography.Paragraph>{t('review.notStarted')}</Typography.Paragraph>
        </Card>
      ) : null}
      <Row gutter={16} className="review-layout">
        <Col xs={24} lg={6}>
          <ReviewPointList review={state} current={index} onSelect={setCurrent} />
        </Col>
        <Col xs={24} lg={10}>
          {point ? (
            <ReviewPointPanel
              point={point}
              position={{ index, total: points.length }}
              canDecide={canDecide}
              modelReady={state.modelReady}
              note={note}
              onNoteChange={(next) => {
                setNote(next);
                setNoteError(undefined);
              }}
              noteRef={noteRef}
              noteError={noteError}
              deciding={decide.isPending ? decide.variables.verdict : undefined}
              onDecide={submit}
              onMove={move}
              onOpenPassage={setPassage}
              asking={suggest.isPending && suggest.variables === point.code}
              onAskModel={() => {
                suggest.mutate(point.code);
              }}
            />
          ) : null}
        </Col>
        <Col xs={24} lg={8}>
          <Tabs
            items={[
              {
                key: 'fields',
                label: t('review.fields'),
                children: (
                  <MaterialFieldsPanel
                    key={point?.materialCode ?? 'case'}
                    review={state}
                    materialCode={point?.materialCode ?? null}
                    canEdit={canEdit && state.status !== 'concluded'}
                  />
                ),
              },
              {
                key: 'copilot',
                label: t('review.copilot'),
                children: <CopilotPanel caseId={caseId} matterName={detail.data?.matter.name} />,
              },
            ]}
          />
        </Col>
      </Row>
      {state.suggestedOutcome ? (
        <ConcludeDialog
          review={state}
          outcome={state.suggestedOutcome}
          open={concluding}
          pending={conclude.isPending}
          error={conclude.error ?? undefined}
          onConfirm={() => {
            conclude.mutate();
          }}
          onCancel={() => {
            setConcluding(false);
          }}
        />
      ) : null}
      <EntryDrawer
        citation={passage}
        onClose={() => {
          setPassage(undefined);
        }}
      />
    </div>
  );
}
