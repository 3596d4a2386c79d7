import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/EmptyState';
import { ApplicationScreen } from './ApplicationScreen';
import { NoticeScreen } from './NoticeScreen';
import { ReviewScreen } from './ReviewScreen';

function useCaseId(): number | undefined {
  const { caseId } = useParams();
  const id = Number(caseId);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <EmptyState title={t('caseDetail.notFound')} />
    </div>
  );
}

/** `/cases/:caseId/review` */
export function ReviewRoute({ canEdit }: { canEdit: boolean }) {
  const id = useCaseId();
  return id === undefined ? <NotFound /> : <ReviewScreen key={id} caseId={id} canEdit={canEdit} />;
}

/** `/cases/:caseId/notice` */
export function NoticeRoute() {
  const id = useCaseId();
  return id === undefined ? <NotFound /> : <NoticeScreen key={id} caseId={id} />;
}

/** `/cases/:caseId/application` */
export function ApplicationRoute({ canEdit }: { canEdit: boolean }) {
  const id = useCaseId();
  return id === undefined ? (
    <NotFound />
  ) : (
    <ApplicationScreen key={id} caseId={id} canEdit={canEdit} />
  );
}
