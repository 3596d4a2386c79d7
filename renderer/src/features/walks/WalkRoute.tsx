import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/EmptyState';
import { WalkReportScreen } from './WalkReportScreen';
import { WalkScreen } from './WalkScreen';

function useWalkId(): number | undefined {
  const { walkId } = useParams();
  const id = Number(walkId);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <EmptyState title={t('walk.notFound')} />
    </div>
  );
}

/** `/walks/:walkId`: a positive integer id, or "not found". */
export function WalkRoute() {
  const id = useWalkId();
  return id === undefined ? <NotFound /> : <WalkScreen key={id} walkId={id} />;
}

/** `/walks/:walkId/report`. */
export function WalkReportRoute() {
  const id = useWalkId();
  return id === undefined ? <NotFound /> : <WalkReportScreen key={id} walkId={id} />;
}
