import { Alert, Form, Modal, Radio, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  findingCategories,
  findingSeverities,
  type Finding,
  type FindingCategory,
  type FindingSeverity,
  type UnresolvedReport,
} from '@shared/api/walks';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { ErrorAlert } from '../../ui/ErrorAlert';
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
        <Form.Item
          name="category"
          label={t('finding.category')}
          rules={[
            {
              required: true,
              message: t('common.fieldRequired', { field: t('finding.category') }),
            },
          ]}
        >
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            size="large"
            className="choice-grid"
            options={findingCategories.map((category) => ({
              value: category,
              label: t(`walkLabels.category.${category}`),
            }))}
            data-testid="takeover-category"
          />
        </Form.Item>
        <Form.Item name="severity" label={t('finding.severity')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            size="large"
            options={findingSeverities.map((severity) => ({
              value: severity,
              label: t(`walkLabels.severity.${severity}`),
            }))}
            data-testid="takeover-severity"
          />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
        <ErrorAlert error={takeOver.error ?? undefined} />
      </Form>
    </Modal>
  );
}
