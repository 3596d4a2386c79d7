import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/EmptyState';
import { CaseDetailScreen } from './CaseDetailScreen';

/** `/cases/:caseId`: a positive integer id, or "not found". */
export function CaseDetailRoute({
  canEdit,
  canReveal,
  canReport,
  canAskHelp,
}: {
  canEdit: boolean;
  canReveal: boolean;
  canReport: boolean;
  canAskHelp: boolean;
}) {
  const { t } = useTranslation();
  const { caseId } = useParams();
  const id = Number(caseId);
  if (!Number.isInteger(id) || id <= 0) {
    return (
      <div className="page">
        <EmptyState title={t('caseDetail.notFound')} />
      </div>
    );
  }
  return (
    <CaseDetailScreen
      key={id}
      caseId={id}
      canEdit={canEdit}
      canReveal={canReveal}
      canReport={canReport}
      canAskHelp={canAskHelp}
    />
  );
}
