import { useCallback, useState } from 'react';
import { Alert, App, Badge, Card, Select, Space, Spin, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { HelpRequest } from '@shared/api/remote';
import { useClient } from '../../app/engine-context';
import { errorMessage } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useLanguage } from '../../ui/use-language';
import { HelpRequestsPanel } from './HelpScreen';
import {
  helpChanged,
  QUEUE_EVERY_MS,
  useDepartments,
  useHelpQueue,
  useHubNow,
} from './help-queries';
import { expertDepartments } from './help-stores';
import { JoinCodeForm } from './JoinCodeForm';
import { QueueTable } from './QueueTable';
import { useStoredValue } from './stored-value';

/** Which departments' requests the expert answers: kept on this terminal. */
function DepartmentFilter() {
  const { t } = useTranslation();
  const chosen = useStoredValue(expertDepartments);
  const { departments, loading } = useDepartments();
  return (
    <Select
      mode="multiple"
      allowClear
      value={chosen}
      loading={loading}
      placeholder={t('help.allDepartments')}
      aria-label={t('help.departments')}
      onChange={(next: string[]) => {
        expertDepartments.set(next);
      }}
      options={departments.map((department) => ({ value: department, label: department }))}
      maxTagCount="responsive"
      className="help-departments"
      data-testid="help-departments"
    />
  );
}

/**
 * `/help/queue`, the remote expert's desk: the waiting requests of the chosen departments
 * (every 2 s), taking one (the first answer, timed), the requests taken with their threads and
 * windows, and joining a window by the code a clerk reads out.
 */
export function HelpQueueScreen() {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [, setParams] = useSearchParams();
  const departments = useStoredValue(expertDepartments);
  const queue = useHelpQueue(departments, QUEUE_EVERY_MS);
  const hubNow = useHubNow(queue.data, queue.dataUpdatedAt);
  const [claimProblem, setClaimProblem] = useState<string>();

  const claim = useMutation({
    mutationFn: (request: HelpRequest) => client.help.claim({ id: request.id }),
    onMutate: () => {
      setClaimProblem(undefined);
    },
    onSuccess: async (request) => {
      void message.success(
        t('help.claimed', { seconds: Math.round(request.firstResponseSeconds ?? 0) }),
      );
      setParams({ request: request.id }, { replace: true });
      await helpChanged(queryClient, request);
    },
    onError: async (error) => {
      // Someone else was quicker: say who, and show the queue as it is now.
      setClaimProblem(errorMessage(error, language));
      await queue.refetch();
    },
  });
  const onClaim = useCallback(
    (request: HelpRequest) => {
      claim.mutate(request);
    },
    [claim],
  );

  const waiting = queue.data?.requests ?? [];
  return (
    <div className="page page-scroll" data-testid="help-queue-screen">
      <Card className="page-section">
        <div className="page-toolbar">
          <Typography.Title level={4} className="page-title">
            {t('help.queueTitle')}
          </Typography.Title>
          <DepartmentFilter />
          <span className="page-toolbar-spacer" />
          <JoinCodeForm />
        </div>
        <Typography.Paragraph type="secondary" className="page-subtitle">
          {t('help.queueSubtitle')}
        </Typography.Paragraph>
      </Card>
      <Card
        size="small"
        className="page-section"
        title={
          <Space>
            {t('help.queue')}
            <Badge
              count={waiting.length}
              showZero
              color={waiting.length > 0 ? 'red' : 'gray'}
              data-testid="help-queue-count"
            />
          </Space>
        }
        extra={queue.isFetching ? <Spin size="small" /> : null}
      >
        <Space orientation="vertical" className="full-width">
          {claimProblem ? (
            <Alert
              type="warning"
              showIcon
              closable={{
                onClose: () => {
                  setClaimProblem(undefined);
                },
              }}
              title={t('help.claimFailed')}
              description={claimProblem}
              data-testid="help-claim-error"
            />
          ) : null}
          <ErrorAlert error={queue.error ?? undefined} testId="help-queue-error" />
          {queue.isPending ? (
            <Spin />
          ) : (
            <QueueTable
              requests={waiting}
              hubNow={hubNow}
              claiming={claim.isPending ? claim.variables.id : undefined}
              onClaim={onClaim}
            />
          )}
        </Space>
      </Card>
      <HelpRequestsPanel side="expert" />
    </div>
  );
}
