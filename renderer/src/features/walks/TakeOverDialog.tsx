import { Alert, Form, Modal, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type {
  Finding,
  FindingCategory,
  FindingSeverity,
  UnresolvedReport,
} from '@shared/api/walks';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FindingKindFields } from './FindingKindFields';
import { testId } from '../../ui/test-id';

interface TakeOverValues {
  category: FindingCategory;
  severity: FindingSeverity;
}

/** A leader takes a report over: it becomes their finding, to be rectified and verified. */
export function TakeOverDialog({
  report,
  onClose,
  onTaken,
}: {
  report: UnresolvedReport;
  onClose: () => void;
  onTaken: (finding: Finding) => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TakeOverValues>();
  const takeOver = useMutation({
    mutationFn: (values: TakeOverValues) =>
      client.unresolved.takeOver({ id: report.id, ...values }),
    onSuccess: async (finding) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.unresolved }),
        queryClient.invalidateQueries({ queryKey: queryKeys.findings }),
        queryClient.invalidateQueries({ queryKey: queryKeys.coverage }),
      ]);
      onTaken(finding);
    },
  });
  return (
    <Modal
      open
      width={640}
      title={t('unresolved.takeOverTitle')}
      okText={t('unresolved.takeOver')}
      cancelText={t('common.cancel')}
      confirmLoading={takeOver.isPending}
      onOk={() => {
        form.submit();
      }}
      onCancel={onClose}
      okButtonProps={testId('takeover-save')}
      destroyOnHidden
    >
      <div className="dialog-context">
        <Typography.Text strong>{report.matterName}</Typography.Text>
        <Typography.Paragraph className="dialog-context-text">{report.need}</Typography.Paragraph>
        <Typography.Paragraph type="secondary" className="dialog-context-text">
          {report.reason}
        </Typography.Paragraph>
      </div>
      <Alert type="info" showIcon title={t('unresolved.takeOverHint')} className="form-gap" />
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ severity: 'medium' }}
        onFinish={(values) => {
          takeOver.mutate(values);
        }}
      >
        <FindingKindFields testIdPrefix="takeover" />
        <button type="submit" hidden aria-hidden tabIndex={-1} />
        <ErrorAlert error={takeOver.error ?? undefined} />
      </Form>
    </Modal>
  );
}
