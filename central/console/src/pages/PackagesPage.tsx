import { useState } from 'react';
import { Alert, Button, Descriptions, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { PackageImportResult } from '@shared/hub/admin';
import { useHubMutation } from '../api/console-context';
import { downloadText } from '../ui/download-text';
import { ErrorAlert } from '../ui/ErrorAlert';
import { PageSection } from '../ui/PageSection';
import { UploadPanel } from '../ui/UploadPanel';

/** The hub's limit for a package's text (`importPackageSchema`). */
const maxPackageBytes = 64 * 1024 * 1024;

type Outcome =
  | { kind: 'applied'; result: PackageImportResult }
  | { kind: 'failed'; fileName: string; error: unknown };

function saveReply(result: PackageImportResult): void {
  downloadText(result.replyFileName, result.reply, 'application/json');
}

/** 离线包: a terminal's USB-stick package in, the signed reply out. */
export function PackagesPage({ openConflicts }: { openConflicts: () => void }) {
  const { t } = useTranslation();
  // What the package applied shows up in these lists.
  const apply = useHubMutation('importPackage', ['terminals', 'records', 'conflicts']);
  const [outcome, setOutcome] = useState<Outcome>();

  return (
    <div className="page" data-testid="packages-page">
      <PageSection title={t('packages.title')} subtitle={t('packages.subtitle')}>
        <UploadPanel
          accept={['.json']}
          maxBytes={maxPackageBytes}
          hint={t('packages.dropHint')}
          testId="package-upload"
          onUpload={async (file) => {
            setOutcome(undefined);
            try {
              const result = await apply.mutateAsync({ body: { content: file.text } });
              setOutcome({ kind: 'applied', result });
              return true;
            } catch (error) {
              setOutcome({ kind: 'failed', fileName: file.name, error });
              return false;
            }
          }}
        />
        {outcome?.kind === 'failed' ? (
          <ErrorAlert
            error={outcome.error}
            title={t('packages.failed', { file: outcome.fileName })}
            testId="package-error"
          />
        ) : null}
        {outcome?.kind === 'applied' ? (
          <PackageResult result={outcome.result} openConflicts={openConflicts} />
        ) : null}
      </PageSection>
    </div>
  );
}

function PackageResult({
  result,
  openConflicts,
}: {
  result: PackageImportResult;
  openConflicts: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="package-result" data-testid="package-result">
      <Typography.Title level={5}>
        {t('packages.applied', { terminal: result.terminalName, hall: result.hallName })}
      </Typography.Title>
      {result.needsResend ? (
        <Alert type="warning" showIcon title={t('packages.needsResend')} className="form-gap" />
      ) : null}
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          {
            key: 'terminal',
            label: t('packages.terminal'),
            children: (
              <Space orientation="vertical" size={0}>
                {result.terminalName}
                <Typography.Text type="secondary" className="mono">
                  {result.terminalId}
                </Typography.Text>
              </Space>
            ),
          },
          { key: 'hall', label: t('packages.hall'), children: result.hallName },
          { key: 'lastSeq', label: t('packages.lastSeq'), children: result.lastSeq },
          { key: 'mutations', label: t('packages.mutations'), children: result.mutations },
          { key: 'applied', label: t('packages.appliedCount'), children: result.applied },
          { key: 'duplicates', label: t('packages.duplicates'), children: result.duplicates },
          { key: 'conflicts', label: t('packages.conflicts'), children: result.conflicts },
        ]}
      />
      {result.conflicts > 0 ? (
        <Alert
          type="warning"
          showIcon
          className="form-gap"
          title={
            <Space>
              {t('packages.conflictsHint', { count: result.conflicts })}
              <Button size="small" onClick={openConflicts}>
                {t('packages.openConflicts')}
              </Button>
            </Space>
          }
        />
      ) : null}
      <div className="package-reply">
        <Button
          type="primary"
          icon={<DownloadOutlined />}
          onClick={() => {
            saveReply(result);
          }}
          data-testid="package-download"
        >
          {t('packages.download')}
        </Button>
        <Typography.Text type="secondary">
          {t('packages.replyHint', { file: result.replyFileName })}
        </Typography.Text>
      </div>
    </div>
  );
}
