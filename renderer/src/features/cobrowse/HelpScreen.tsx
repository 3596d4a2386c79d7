import { useEffect } from 'react';
import { Card, Col, Row, Spin, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { HelpRequestDetail } from './HelpRequestDetail';
import { HelpRequestList } from './HelpRequestList';
import { useHubNow, useMyHelpRequests } from './help-queries';
import { isOpen, type HelpSide } from './help-requests';
import { markSeen, seenActivity } from './help-stores';
import { useStoredValue } from './stored-value';
import { useActiveWindows } from './use-remote-session';

/**
 * The requests of one side, list and detail: the clerk's own on `/help`, the expert's taken ones
 * under the queue. The selection lives in the address (`?request=`), so a case can link to one.
 */
export function HelpRequestsPanel({ side }: { side: HelpSide }) {
  const { t } = useTranslation();
  const mine = useMyHelpRequests();
  const windows = useActiveWindows();
  const seen = useStoredValue(seenActivity);
  const hubNow = useHubNow(mine.data, mine.dataUpdatedAt);
  const [params, setParams] = useSearchParams();
  // An expert's terminal lists what it took (a clerk's, what it raised).
  const requests = (mine.data?.requests ?? []).filter(
    (request) => side === 'clerk' || request.expert !== null,
  );
  const wanted = params.get('request');
  const selected =
    requests.find((request) => request.id === wanted) ?? requests.find(isOpen) ?? requests[0];

  // What is shown is seen: the badge in the top bar stops counting it.
  useEffect(() => {
    if (selected) markSeen(selected, side);
  }, [selected, side]);

  if (mine.isPending) {
    return (
      <div className="page-center">
        <Spin />
      </div>
    );
  }
  return (
    <>
      <ErrorAlert error={mine.error ?? undefined} testId="help-error" />
      {requests.length === 0 ? (
        side === 'clerk' ? (
          <Card className="page-section">
            <EmptyState title={t('help.empty')} hint={t('help.emptyHint')} />
          </Card>
        ) : (
          <Card size="small" title={t('help.mine')} className="page-section">
            <EmptyState title={t('help.mineEmpty')} hint={t('help.mineEmptyHint')} />
          </Card>
        )
      ) : (
        <Row gutter={16}>
          <Col xs={24} lg={9}>
            <Card
              size="small"
              title={side === 'clerk' ? t('help.listTitle') : t('help.mine')}
              extra={mine.isFetching ? <Spin size="small" /> : null}
              className="page-section"
            >
              <Typography.Paragraph type="secondary" className="help-list-hint">
                {t('help.listHint')}
              </Typography.Paragraph>
              <HelpRequestList
                requests={requests}
                side={side}
                hubNow={hubNow}
                selectedId={selected?.id}
                seen={seen}
                onSelect={(id) => {
                  setParams(
                    (current) => {
                      const next = new URLSearchParams(current);
                      next.set('request', id);
                      return next;
                    },
                    { replace: true },
                  );
                }}
              />
            </Card>
          </Col>
          <Col xs={24} lg={15}>
            {selected ? (
              <HelpRequestDetail
                key={selected.id}
                request={selected}
                side={side}
                hubNow={hubNow}
                windows={windows.data}
              />
            ) : (
              <EmptyState title={t('help.select')} />
            )}
          </Col>
        </Row>
      )}
    </>
  );
}

/** `/help`: the clerk's help requests, with the expert's answers and the windows asked for. */
export function HelpScreen() {
  const { t } = useTranslation();
  return (
    <div className="page page-scroll" data-testid="help-screen">
      <Card className="page-section">
        <Typography.Title level={4} className="page-title">
          {t('help.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="page-subtitle">
          {t('help.subtitle')}
        </Typography.Paragraph>
      </Card>
      <HelpRequestsPanel side="clerk" />
    </div>
  );
}
