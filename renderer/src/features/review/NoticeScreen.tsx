import { Button, Space, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CorrectionNotice } from '@shared/api/review';
import { useClient } from '../../app/engine-context';
import { useAuditedPrint } from './use-audited-print';
import { queryKeys } from '../../app/query-keys';
import { toApiError } from '../../ui/api-error';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';

/** Chinese ordinal for list items on a printed notice: 一、二、… */
const ordinals = '一二三四五六七八九十';
function ordinal(index: number): string {
  if (index < 10) return ordinals[index] ?? String(index + 1);
  return String(index + 1);
}

/** The notice as printed on A4: every item at once, the deadline, the basis, the contact. */
export function NoticeDocument({ notice }: { notice: CorrectionNotice }) {
  const { t } = useTranslation();
  const reject = notice.outcome === 'reject';
  const intro = {
    date: notice.receivedOn,
    matter: notice.matter.name,
    reference: notice.caseReference,
  };
  return (
    <article className="notice-sheet" data-testid="notice-document" lang="zh-CN">
      <header className="notice-head">
        <div className="notice-hall">{notice.hall.name}</div>
        <h1 className="notice-title">{reject ? t('notice.rejectTitle') : t('notice.title')}</h1>
        <div className="notice-number">{t('notice.number', { number: notice.number })}</div>
      </header>
      <p className="notice-to">{t('notice.to', { name: notice.applicant.name })}</p>
      <p className="notice-para">
        {t('notice.applicantId', { id: notice.applicant.idMasked })}
        {'　'}
        {t('notice.department', { name: notice.matter.department })}
      </p>
      <p className="notice-para">
        {reject ? t('notice.rejectIntro', intro) : t('notice.intro', intro)}
      </p>
      <ol className="notice-items">
        {notice.items.map((item, index) => (
          <li
            key={item.pointCode}
            className="notice-item"
            data-testid="notice-item"
            data-code={item.pointCode}
          >
            <div className="notice-item-title">
              {ordinal(index)}、{item.title}
            </div>
            {item.material ? <div>{t('notice.material', { name: item.material })}</div> : null}
            <div>
              {item.blocking
                ? t('notice.reason', { text: item.whatToDo })
                : t('notice.whatToDo', { text: item.whatToDo })}
            </div>
            <div>{t('notice.basis', { text: item.basis })}</div>
            {item.note ? <div>{t('notice.note', { text: item.note })}</div> : null}
          </li>
        ))}
      </ol>
      {reject ? (
        <p className="notice-para">{t('notice.rights')}</p>
      ) : (
        <p className="notice-para notice-deadline" data-testid="notice-deadline">
          {notice.correctionDueBy
            ? t('notice.deadline', {
                date: notice.correctionDueBy,
                days: notice.correctionDays,
                promised: notice.matter.promisedDays,
              })
            : t('notice.deadlineUnknown', { days: notice.correctionDays })}
        </p>
      )}
      <p className="notice-para">{t('notice.basisLine', { basis: notice.noticeBasis })}</p>
      <footer className="notice-foot">
        <div>
          <div>{notice.hall.name}</div>
          {notice.hall.contact ? (
            <div>{t('notice.contact', { contact: notice.hall.contact })}</div>
          ) : null}
          <div>{t('notice.issuedBy', { who: notice.issuedBy })}</div>
          <div>{notice.issuedOn}</div>
        </div>
        <div className="notice-sign">
          <div>{t('notice.signature')}</div>
          <div>{t('notice.signDate')}</div>
        </div>
      </footer>
    </article>
  );
}

/** `/cases/:id/notice`: the latest notice of a case, with print (the browser's PDF) and back. */
export function NoticeScreen({ caseId }: { caseId: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useClient();
  const print = useAuditedPrint('correctionNotice', caseId);
  const notice = useQuery({
    queryKey: queryKeys.notice(caseId),
    queryFn: () => client.review.notice({ caseId }),
  });
  if (notice.isPending) {
    return (
      <div className="page-center">
        <Spin size="large" />
      </div>
    );
  }
  return (
    <div className="page page-scroll notice-page">
      <Space className="no-print notice-toolbar">
        <Button
          icon={<ArrowLeftOutlined />}
          onClick={() => void navigate(`/cases/${String(caseId)}`)}
        >
          {t('notice.back')}
        </Button>
        {notice.isSuccess ? (
          <Button
            type="primary"
            icon={<PrinterOutlined />}
            onClick={() => {
              print.mutate(`${notice.data.number}-一次性告知书.pdf`);
            }}
            loading={print.isPending}
            data-testid="notice-print"
          >
            {t('notice.print')}
          </Button>
        ) : null}
      </Space>
      <ErrorAlert error={print.error ?? undefined} testId="print-error" />
      {notice.isError ? (
        toApiError(notice.error).code === 'NOT_FOUND' ? (
          <EmptyState title={t('notice.none')} />
        ) : (
          <ErrorAlert error={notice.error} />
        )
      ) : (
        <NoticeDocument notice={notice.data} />
      )}
    </div>
  );
}
