import { useRef, type KeyboardEvent } from 'react';
import { Badge, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HelpRequest } from '@shared/api/remote';
import { helpStateColours } from './cobrowse-labels';
import { hasNews, needsWindow, type HelpSide } from './help-requests';
import { WaitFigure } from './WaitFigure';

interface HelpRequestListProps {
  requests: HelpRequest[];
  side: HelpSide;
  hubNow: number;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  /** Activity already shown, per request (`hasNews` marks the rest). */
  seen: Record<string, string>;
}

/** Requests as a list to pick from: state, the wait or first answer, who; ↑/↓ to move. */
export function HelpRequestList({
  requests,
  side,
  hubNow,
  selectedId,
  onSelect,
  seen,
}: HelpRequestListProps) {
  const { t } = useTranslation();
  const items = useRef(new Map<string, HTMLButtonElement>());

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const index = requests.findIndex((request) => request.id === selectedId);
    const next =
      requests[
        Math.max(0, Math.min(requests.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))
      ];
    if (!next) return;
    event.preventDefault();
    onSelect(next.id);
    items.current.get(next.id)?.focus();
  };

  return (
    <div
      className="help-list"
      role="listbox"
      aria-label={t('help.listTitle')}
      onKeyDown={onKeyDown}
    >
      {requests.map((request) => {
        const selected = request.id === selectedId;
        const news = needsWindow(request) || hasNews(request, side, seen);
        return (
          <button
            type="button"
            key={request.id}
            ref={(element) => {
              if (element) items.current.set(request.id, element);
              else items.current.delete(request.id);
            }}
            role="option"
            aria-selected={selected}
            tabIndex={selected || (selectedId === undefined && request === requests[0]) ? 0 : -1}
            className={`help-list-item${selected ? ' help-list-item-selected' : ''}`}
            onClick={() => {
              onSelect(request.id);
            }}
            data-testid="help-request"
            data-id={request.id}
            data-state={request.state}
          >
            <span className="help-list-head">
              <Tag color={helpStateColours[request.state]} data-testid="help-request-state">
                {t(`help.states.${request.state}`)}
              </Tag>
              {request.urgency === 'urgent' ? (
                <Tag color="red">{t('help.urgencies.urgent')}</Tag>
              ) : null}
              <span className="mono help-list-reference">{request.caseRef.reference}</span>
              {news ? (
                <Badge
                  status="error"
                  text={t('help.newActivity')}
                  data-testid="help-request-news"
                />
              ) : null}
            </span>
            <Typography.Text ellipsis className="help-list-question">
              {request.question}
            </Typography.Text>
            <span className="help-list-meta">
              <WaitFigure request={request} hubNow={hubNow} />
              <Typography.Text type="secondary" ellipsis>
                {side === 'clerk'
                  ? (request.expert?.displayName ?? t('help.noExpert'))
                  : request.hall.name}
              </Typography.Text>
            </span>
          </button>
        );
      })}
    </div>
  );
}
