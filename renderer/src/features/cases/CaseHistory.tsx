import { Card, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@shared/api/cases';
import { EmptyState } from '../../ui/EmptyState';
import { formatDateTime } from '../../ui/format';
import { pickText } from '../../ui/api-error';
import { useLanguage } from '../../ui/use-language';

/** What happened to the case, in order, as the engine words it. */
export function CaseHistory({ events }: { events: CaseDetail['events'] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Card title={t('caseDetail.history')} className="page-section" data-testid="case-history">
      {events.length === 0 ? (
        <EmptyState title={t('caseDetail.noHistory')} />
      ) : (
        <Timeline
          items={events.map((event) => ({
            key: event.id,
            color: event.kind === 'created' ? 'blue' : 'gray',
            content: (
              <div className="history-item" data-testid="case-history-item" data-kind={event.kind}>
                <Typography.Text>{pickText(event.summary, language)}</Typography.Text>
                <Typography.Text type="secondary" className="history-meta">
                  {formatDateTime(event.at)} · {event.actor}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
