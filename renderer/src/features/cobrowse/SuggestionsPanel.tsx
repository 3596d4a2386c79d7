import { App, Badge, Button, Card, Space, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RemoteSessionView, Suggestion } from '@shared/api/remote';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { pickText } from '../../ui/api-error';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { useLanguage } from '../../ui/use-language';
import { suggestionStateColours } from './cobrowse-labels';
import { describeChange } from './remote-changes';
import { windowChanged } from './use-remote-session';

/** Waiting ones first (the clerk has to answer them), then the newest. */
function ordered(suggestions: Suggestion[]): Suggestion[] {
  return [...suggestions].sort(
    (a, b) =>
      Number(b.state === 'pending') - Number(a.state === 'pending') ||
      Date.parse(b.at) - Date.parse(a.at),
  );
}

/**
 * The expert's suggestions: the clerk accepts (the case changes, through its own rules) or
 * rejects each; the expert follows their own, with why a change could not be made.
 */
export function SuggestionsPanel({ view }: { view: RemoteSessionView }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const host = view.role === 'host';
  const ended = view.link.state === 'ended';
  const decide = useMutation({
    mutationFn: (input: { suggestionId: string; accept: boolean }) =>
      client.remote.decide({ sessionId: view.sessionId, ...input }),
    onSuccess: async (next, input) => {
      windowChanged(queryClient, next);
      void message.success(input.accept ? t('remote.accepted') : t('remote.rejected'));
      const caseId = next.workspace?.caseRef.caseId;
      if (caseId !== undefined)
        await queryClient.invalidateQueries({ queryKey: queryKeys.case(caseId) });
    },
  });
  const shown = ordered(
    host ? view.suggestions : view.suggestions.filter((s) => s.participantId === view.me),
  );
  const pending = shown.filter((s) => s.state === 'pending' && !s.direct).length;

  return (
    <Card
      size="small"
      className="page-section"
      title={
        <Space>
          {host ? t('remote.suggestions') : t('remote.mySuggestions')}
          {pending > 0 ? <Badge count={pending} data-testid="remote-suggestions-pending" /> : null}
        </Space>
      }
      data-testid="remote-suggestions"
    >
      <ErrorAlert error={decide.error ?? undefined} testId="remote-decide-error" />
      {shown.length === 0 ? (
        <EmptyState title={t('remote.suggestionsEmpty')} />
      ) : (
        <ul className="suggestion-list">
          {shown.map((suggestion) => (
            <li
              key={suggestion.id}
              className="suggestion-item"
              data-testid="remote-suggestion"
              data-state={suggestion.state}
              data-direct={String(suggestion.direct)}
              data-kind={suggestion.change.kind}
            >
              <div className="suggestion-head">
                <Tag
                  color={suggestionStateColours[suggestion.state]}
                  data-testid="remote-suggestion-state"
                >
                  {t(`remote.suggestionStates.${suggestion.state}`)}
                </Tag>
                {suggestion.direct ? <Tag color="purple">{t('remote.direct')}</Tag> : null}
                <Typography.Text type="secondary" className="suggestion-meta">
                  {suggestion.author} · {formatDateTime(suggestion.at)}
                </Typography.Text>
              </div>
              <Typography.Text className="suggestion-text">
                {describeChange(t, suggestion.change, view.workspace)}
              </Typography.Text>
              {suggestion.problem ? (
                <Typography.Text type="danger" data-testid="remote-suggestion-problem">
                  {pickText(suggestion.problem, language)}
                </Typography.Text>
              ) : null}
              {host && !ended && suggestion.state === 'pending' && !suggestion.direct ? (
                <Space className="suggestion-actions">
                  <Button
                    type="primary"
                    size="small"
                    icon={<CheckOutlined />}
                    loading={
                      decide.isPending &&
                      decide.variables.suggestionId === suggestion.id &&
                      decide.variables.accept
                    }
                    disabled={decide.isPending}
                    onClick={() => {
                      decide.mutate({ suggestionId: suggestion.id, accept: true });
                    }}
                    data-testid="remote-accept"
                  >
                    {t('remote.accept')}
                  </Button>
                  <Button
                    size="small"
                    icon={<CloseOutlined />}
                    disabled={decide.isPending}
                    onClick={() => {
                      decide.mutate({ suggestionId: suggestion.id, accept: false });
                    }}
                    data-testid="remote-reject"
                  >
                    {t('remote.reject')}
                  </Button>
                </Space>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
