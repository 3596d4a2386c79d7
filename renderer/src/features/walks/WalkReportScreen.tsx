import { useState } from 'react';
import { App, Button, Space, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/engine-context';
import { canRunWalks } from '../../app/permissions';
import { queryKeys } from '../../app/query-keys';
import { toApiError } from '../../ui/api-error';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { printPage } from '../../ui/print-page';
import { SummaryEditor } from './SummaryEditor';
import { useCurrentUser } from './use-current-user';
import { WalkReportDocument } from './WalkReportDocument';

/** `/walks/:id/report`: the one-page report, the summary the leader edits, and print. */
export function WalkReportScreen({ walkId }: { walkId: number }) {
  const { t } = useTranslation();
  const client = useClient();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const user = useCurrentUser();
  const walk = useQuery({
    queryKey: queryKeys.walk(walkId),
    queryFn: () => client.walks.get({ walkId }),
  });
  // The text being edited: starts as the saved summary, and stays the leader's until saved.
  const [text, setText] = useState<string>();
  const print = useMutation({ mutationFn: (fileName: string) => printPage(fileName) });

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
  const editing = text ?? data.summary ?? '';
  const unsaved = editing.trim() !== (data.summary ?? '').trim();
  const runner = user !== undefined && canRunWalks(user.role) && data.leaderId === user.id;
  const fileName = `${data.matterName}-${t('report.title')}-${data.uid}.pdf`;

  return (
    <div className="page page-scroll report-page" data-testid="walk-report-screen">
      <Space className="no-print notice-toolbar">
        <Button
          icon={<ArrowLeftOutlined />}
          onClick={() => void navigate(`/walks/${String(walkId)}`)}
        >
          {t('report.back')}
        </Button>
        <Button
          type="primary"
          icon={<PrinterOutlined />}
          loading={print.isPending}
          onClick={() => {
            if (!unsaved) {
              print.mutate(fileName);
              return;
            }
            modal.confirm({
              title: t('report.print'),
              content: t('report.printUnsaved'),
              okText: t('report.print'),
              cancelText: t('common.cancel'),
              onOk: () => {
                print.mutate(fileName);
              },
            });
          }}
          data-testid="report-print"
        >
          {t('report.print')}
        </Button>
      </Space>
      <ErrorAlert error={print.error ?? undefined} testId="print-error" />
      {runner ? <SummaryEditor walk={data} text={editing} onTextChange={setText} /> : null}
      <WalkReportDocument walk={data} />
    </div>
  );
}
