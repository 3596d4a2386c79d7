import { useState } from 'react';
import { Button, Card, Col, Descriptions, Row, Spin, Tag, Tooltip, Typography } from 'antd';
import {
  ArrowLeftOutlined,
  AuditOutlined,
  CheckCircleOutlined,
  ExceptionOutlined,
  EyeInvisibleOutlined,
  EyeOutlined,
  FilePdfOutlined,
  FileTextOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@shared/api/cases';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { pickText, toApiError } from '../../ui/api-error';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { useLanguage } from '../../ui/use-language';
import { CaseHelpRequests, CaseRemoteActions, CaseRemoteRecords } from '../cobrowse';
import { UnresolvedDialog } from '../walks';
import { CaseAttachments } from './CaseAttachments';
import { CaseHistory } from './CaseHistory';
import { CaseStatusTag } from './CaseStatusTag';
import { CompleteCaseDialog } from './CompleteCaseDialog';
import { MaterialsChecklist } from './MaterialsChecklist';

/**
 * The applicant, masked as the engine sends it. "Show in full" fetches the unmasked record (an
 * audited reveal) for this screen only: it is never put in the query cache.
 */
function ApplicantCard({
  caseId,
  masked,
  canReveal,
}: {
  caseId: number;
  masked: CaseDetail['applicant'];
  canReveal: boolean;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const reveal = useMutation({ mutationFn: () => client.cases.reveal({ id: caseId }) });
  const applicant = reveal.data ?? masked;
  const person = applicant.kind === 'person';
  return (
    <Card
      title={
        <span>
          {t('caseDetail.applicant')} <Tag>{t(`applicantKind.${applicant.kind}`)}</Tag>
        </span>
      }
      extra={
        canReveal ? (
          reveal.data ? (
            <Button
              size="small"
              icon={<EyeInvisibleOutlined />}
              onClick={() => {
                reveal.reset();
              }}
              data-testid="applicant-hide"
            >
              {t('caseDetail.hide')}
            </Button>
          ) : (
            <Tooltip title={t('caseDetail.revealHint')}>
              <Button
                size="small"
                icon={<EyeOutlined />}
                loading={reveal.isPending}
                onClick={() => {
                  reveal.mutate();
                }}
                data-testid="applicant-reveal"
              >
                {t('caseDetail.reveal')}
              </Button>
            </Tooltip>
          )
        ) : null
      }
      className="page-section"
      data-testid="case-applicant"
    >
      {reveal.error ? <ErrorAlert error={reveal.error} /> : null}
      <Descriptions column={1} size="small">
        <Descriptions.Item label={person ? t('newCase.person.name') : t('newCase.enterprise.name')}>
          {applicant.name}
        </Descriptions.Item>
        <Descriptions.Item label={person ? t('caseDetail.idNumber') : t('caseDetail.uscc')}>
          <span className="mono">{applicant.idNumber}</span>
        </Descriptions.Item>
        {applicant.legalRepresentative ? (
          <Descriptions.Item label={t('caseDetail.legalRepresentative')}>
            {applicant.legalRepresentative}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('caseDetail.phone')}>
          {applicant.phone ?? t('common.none')}
        </Descriptions.Item>
        <Descriptions.Item
          label={person ? t('newCase.person.address') : t('newCase.enterprise.address')}
        >
          {applicant.address ?? t('common.none')}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** The promised completion date, or why the holiday calendar cannot give one. */
function DueBy({ deadline }: { deadline: CaseDetail['deadline'] }) {
  const language = useLanguage();
  if (deadline.dueBy !== null) return <span data-testid="case-due-by">{deadline.dueBy}</span>;
  return (
    <Typography.Text type="warning" data-testid="case-due-by">
      {deadline.unknownReason ? pickText(deadline.unknownReason, language) : '—'}
    </Typography.Text>
  );
}

interface CaseHeaderProps {
  detail: CaseDetail;
  canEdit: boolean;
  /** May file an unresolved-matter report (办不成事) from this case. */
  canReport: boolean;
  /** May ask the department's remote experts for help, and open a remote window. */
  canAskHelp: boolean;
}

function CaseHeader({ detail, canEdit, canReport, canAskHelp }: CaseHeaderProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<'complete' | 'unresolved'>();
  return (
    <Card className="page-section case-header">
      <div className="case-header-top">
        <Tooltip title={t('common.shortcut', { keys: 'Alt+L' })}>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            onClick={() => void navigate('/cases')}
            aria-label={t('common.back')}
          />
        </Tooltip>
        <Typography.Title level={4} className="case-header-reference" data-testid="case-reference">
          {detail.reference}
        </Typography.Title>
        <CaseStatusTag status={detail.status} testId="case-status" />
        <span className="case-header-actions">
          {canAskHelp ? (
            <CaseRemoteActions
              context={{
                caseId: detail.id,
                reference: detail.reference,
                department: detail.matter.department,
              }}
            />
          ) : null}
          {canReport ? (
            <Button
              icon={<ExceptionOutlined />}
              onClick={() => {
                setDialog('unresolved');
              }}
              data-testid="case-file-unresolved"
            >
              {t('unresolved.file')}
            </Button>
          ) : null}
          {canEdit && detail.status === 'accepted' ? (
            <Button
              icon={<CheckCircleOutlined />}
              onClick={() => {
                setDialog('complete');
              }}
              data-testid="case-complete"
            >
              {t('caseComplete.button')}
            </Button>
          ) : null}
          {detail.status === 'correction' || detail.status === 'rejected' ? (
            <Button
              icon={<FilePdfOutlined />}
              onClick={() => void navigate(`/cases/${String(detail.id)}/notice`)}
              data-testid="case-open-notice"
            >
              {t('review.viewNotice')}
            </Button>
          ) : null}
          <Button
            icon={<FileTextOutlined />}
            onClick={() => void navigate(`/cases/${String(detail.id)}/application`)}
            data-testid="case-open-application"
          >
            {t('application.open')}
          </Button>
          <Button
            type="primary"
            icon={<AuditOutlined />}
            onClick={() => void navigate(`/cases/${String(detail.id)}/review`)}
            data-testid="case-open-review"
          >
            {detail.status === 'reviewing' ? t('review.resume') : t('review.open')}
          </Button>
        </span>
      </div>
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label={t('caseDetail.matter')}>
          <span data-testid="case-matter">
            {detail.matter.name}{' '}
            <Typography.Text type="secondary">
              {detail.matter.code} · {t('caseDetail.version', { version: detail.matter.version })}
            </Typography.Text>
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('caseDetail.department')}>
          {detail.matter.department}
        </Descriptions.Item>
        <Descriptions.Item label={t('caseDetail.promised')}>
          {detail.matter.promisedDays === 0
            ? t('common.immediate')
            : t('common.workingDays', { count: detail.matter.promisedDays })}
        </Descriptions.Item>
        <Descriptions.Item label={t('caseDetail.dueBy')}>
          <DueBy deadline={detail.deadline} />
        </Descriptions.Item>
        <Descriptions.Item label={t('caseDetail.createdBy')}>{detail.createdBy}</Descriptions.Item>
        <Descriptions.Item label={t('caseDetail.createdAt')}>
          {formatDateTime(detail.createdAt)}
        </Descriptions.Item>
        {detail.note ? (
          <Descriptions.Item label={t('caseDetail.note')}>{detail.note}</Descriptions.Item>
        ) : null}
      </Descriptions>
      {dialog === 'complete' ? (
        <CompleteCaseDialog
          detail={detail}
          onClose={() => {
            setDialog(undefined);
          }}
        />
      ) : null}
      {dialog === 'unresolved' ? (
        <UnresolvedDialog
          context={{
            caseId: detail.id,
            reference: detail.reference,
            matterCode: detail.matter.code,
            matterName: detail.matter.name,
            department: detail.matter.department,
          }}
          onClose={() => {
            setDialog(undefined);
          }}
        />
      ) : null}
    </Card>
  );
}

/**
 * One case: who, what matter, the materials checklist and the history; its help requests and
 * the record of the remote windows held on it.
 */
export function CaseDetailScreen({
  caseId,
  canEdit,
  canReveal,
  canReport,
  canAskHelp,
}: {
  caseId: number;
  canEdit: boolean;
  canReveal: boolean;
  canReport: boolean;
  canAskHelp: boolean;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const detail = useQuery({
    queryKey: queryKeys.case(caseId),
    queryFn: () => client.cases.get({ id: caseId }),
  });

  if (detail.isPending) {
    return (
      <div className="page-center">
        <Spin size="large" />
      </div>
    );
  }
  if (detail.isError) {
    return (
      <div className="page">
        {toApiError(detail.error).code === 'NOT_FOUND' ? (
          <EmptyState title={t('caseDetail.notFound')} />
        ) : (
          <ErrorAlert error={detail.error} />
        )}
      </div>
    );
  }
  const data = detail.data;
  return (
    <div className="page page-scroll">
      <CaseHeader detail={data} canEdit={canEdit} canReport={canReport} canAskHelp={canAskHelp} />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <MaterialsChecklist detail={data} canEdit={canEdit} />
          <CaseAttachments detail={data} canEdit={canEdit} />
        </Col>
        <Col xs={24} xl={8}>
          <ApplicantCard caseId={caseId} masked={data.applicant} canReveal={canReveal} />
          {canAskHelp ? <CaseHelpRequests caseId={caseId} /> : null}
          <CaseHistory events={data.events} />
          <CaseRemoteRecords caseId={caseId} />
        </Col>
      </Row>
    </div>
  );
}
