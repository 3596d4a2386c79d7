import { Alert, Button, Space, Spin, Tag } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ApplicationForm } from '@shared/api/documents';
import { useClient } from '../../app/engine-context';
import { useAuditedPrint } from './use-audited-print';
import { downloadBlob } from '../../ui/download-file';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { blobOfBase64 } from '../../ui/file-base64';

const BLANK = '＿＿＿＿＿＿';

function shown(value: ApplicationForm['fields'][number]['value'] | string | null): string {
  if (value === null || value === '') return BLANK;
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
}

/** The form as printed on A4, the same content as the Word file. */
function ApplicationSheet({ form }: { form: ApplicationForm }) {
  const { t } = useTranslation();
  return (
    <article className="notice-sheet" data-testid="application-document" lang="zh-CN">
      <header className="notice-head">
        <div className="notice-hall">{form.hallName}</div>
        <h1 className="notice-title">{form.title}</h1>
        <div className="notice-number">
          {t('application.reference', { reference: form.reference, code: form.matter.code })}
        </div>
      </header>
      <p className="notice-para">{t('application.department', { name: form.matter.department })}</p>
      <p className="notice-para">
        {t('application.applicant')}：{form.applicant.name}
      </p>
      <p className="notice-para">
        {form.applicant.idLabel}：{form.applicant.idNumber}
      </p>
      {form.applicant.legalRepresentative ? (
        <p className="notice-para">
          {t('application.legalRepresentative')}：{form.applicant.legalRepresentative}
        </p>
      ) : null}
      <p className="notice-para">
        {t('application.phone')}：{shown(form.applicant.phone)}
      </p>
      <p className="notice-para">
        {t('application.address')}：{shown(form.applicant.address)}
      </p>
      <p className="notice-item-title">{t('application.content')}</p>
      {form.fields.map((field) => (
        <p
          key={field.key}
          className={`notice-para${field.value === null && field.required ? ' application-missing' : ''}`}
          data-testid="application-field"
          data-filled={String(field.value !== null)}
        >
          {field.label}：{shown(field.value)}
        </p>
      ))}
      <p className="notice-para">{t('application.promise')}</p>
      <footer className="notice-foot">
        <div />
        <div className="notice-sign">
          <div>{t('application.signature')}</div>
          <div>{t('application.date', { date: form.date })}</div>
        </div>
      </footer>
    </article>
  );
}

function download(fileName: string, base64: string): void {
  downloadBlob(
    fileName,
    blobOfBase64(base64, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
  );
}

/** `/cases/:id/application`: which fields are filled and missing, then print or download Word. */
export function ApplicationScreen({ caseId, canEdit }: { caseId: number; canEdit: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useClient();
  const print = useAuditedPrint('applicationForm', caseId);
  const form = useQuery({
    queryKey: ['documents', 'application', caseId],
    queryFn: () => client.documents.applicationForm({ caseId }),
  });
  const docx = useMutation({
    mutationFn: () => client.documents.applicationDocx({ caseId }),
    onSuccess: (file) => {
      download(file.fileName, file.base64);
    },
  });
  if (form.isPending) {
    return (
      <div className="page-center">
        <Spin size="large" />
      </div>
    );
  }
  if (form.isError) {
    return (
      <div className="page">
        <ErrorAlert error={form.error} />
      </div>
    );
  }
  const data = form.data;
  const filled = data.fields.filter((field) => field.value !== null).length;
  return (
    <div className="page page-scroll notice-page">
      <Space className="no-print notice-toolbar" wrap>
        <Button
          icon={<ArrowLeftOutlined />}
          onClick={() => void navigate(`/cases/${String(caseId)}`)}
        >
          {t('application.back')}
        </Button>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          onClick={() => {
            print.mutate(`${data.reference}-${data.title}.pdf`);
          }}
          loading={print.isPending}
          data-testid="application-print"
        >
          {t('application.print')}
        </Button>
        {canEdit ? (
          <Button
            icon={<DownloadOutlined />}
            loading={docx.isPending}
            onClick={() => {
              docx.mutate();
            }}
            data-testid="application-docx"
          >
            {t('application.download')}
          </Button>
        ) : null}
        <Tag color={data.missing.length === 0 ? 'green' : 'orange'} data-testid="application-count">
          {t('application.filled', { filled, total: data.fields.length })}
        </Tag>
        <Tag>{t('application.template', { name: data.template })}</Tag>
      </Space>
      <div className="no-print notice-toolbar">
        {data.missing.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            data-testid="application-missing"
            title={t('application.missing', { fields: data.missing.join('、') })}
          />
        ) : (
          <Alert type="success" showIcon title={t('application.complete')} />
        )}
        <ErrorAlert error={docx.error ?? print.error ?? undefined} />
      </div>
      <ApplicationSheet form={data} />
    </div>
  );
}
