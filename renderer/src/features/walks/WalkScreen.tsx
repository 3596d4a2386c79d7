import { Col, Row, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/engine-context';
import { canRunWalks, isAdmin } from '../../app/permissions';
import { queryKeys } from '../../app/query-keys';
import { toApiError } from '../../ui/api-error';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FindingsPanel } from './FindingsPanel';
import { StageTimeline } from './StageTimeline';
import { useCurrentUser } from './use-current-user';
import { WalkHeader } from './WalkHeader';
import { WalkEvents, WalkNotes } from './WalkNotes';

/** `/walks/:id`: the tool a leader carries through a walk, and its record afterwards. */
export function WalkScreen({ walkId }: { walkId: number }) {
  const { t } = useTranslation();
  const client = useClient();
  const user = useCurrentUser();
  const walk = useQuery({
    queryKey: queryKeys.walk(walkId),
    queryFn: () => client.walks.get({ walkId }),
  });

  if (walk.isPending) {
    return (
      <div className="page-center">
        <Spin size="large" />
      </div>
    );
  }
  if (walk.isError) {
    return (
      <div className="page">
        {toApiError(walk.error).code === 'NOT_FOUND' ? (
          <EmptyState title={t('walk.notFound')} />
        ) : (
          <ErrorAlert error={walk.error} />
        )}
      </div>
    );
  }
  const data = walk.data;
  const runner = user !== undefined && canRunWalks(user.role) && data.leaderId === user.id;
  const editable = runner && (data.status === 'in_progress' || data.status === 'paused');
  return (
    <div className="page page-scroll walk-page" data-testid="walk-screen">
      <WalkHeader walk={data} runner={runner} />
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <StageTimeline walk={data} editable={editable} />
        </Col>
        <Col xs={24} xl={10}>
          <FindingsPanel walk={data} runner={runner} />
          <WalkNotes
            walk={data}
            canAdd={
              runner || (user !== undefined && isAdmin(user.role) && data.status !== 'cancelled')
            }
          />
          <WalkEvents walk={data} />
        </Col>
      </Row>
    </div>
  );
}
