import { formatDate } from '../../ui/format';
import { useState } from 'react';
import { Form, Input, Modal, Radio, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  walkStages,
  type FindingCategory,
  type FindingSeverity,
  type WalkDetail,
  type WalkStage,
} from '@shared/api/walks';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { showErrorOnForm } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FindingKindFields } from './FindingKindFields';
import { requiredRule } from '../../ui/form-rules';
import { testId } from '../../ui/test-id';
import { useLanguage } from '../../ui/use-language';
import { useWalkAction } from './use-walk-action';

interface FindingValues {
  stage: WalkStage;
  category: FindingCategory;
  severity: FindingSeverity;
  description: string;
  recurringOfId?: number;
}

/** The stage a finding most likely belongs to: the one running, else the last one begun. */
function currentStage(walk: WalkDetail): WalkStage {
  if (walk.runningStage) return walk.runningStage;
  const begun = walk.stages.filter((stage) => stage.startedAt !== null);
  return begun.at(-1)?.stage ?? 'consult';
}

/** Records a finding (难点堵点): stage, category, severity, what happened, an earlier repeat. */
export function FindingDialog({ walk, onClose }: { walk: WalkDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const [form] = Form.useForm<FindingValues>();
  const [formError, setFormError] = useState<string>();
  const earlierInput = { unitId: walk.unitId, matterCode: walk.matterCode };
  const earlier = useQuery({
    queryKey: queryKeys.findingList(earlierInput),
    queryFn: () => client.findings.list(earlierInput),
  });
  const add = useWalkAction(
    (values: FindingValues) =>
      client.walks.addFinding({
        walkId: walk.id,
        stage: values.stage,
        category: values.category,
        severity: values.severity,
        description: values.description,
        ...(values.recurringOfId === undefined ? {} : { recurringOfId: values.recurringOfId }),
      }),
    t('finding.saved'),
  );
  const candidates = (earlier.data ?? []).filter((finding) => finding.walkId !== walk.id);

  return (
    <Modal
      open
      width={720}
      title={t('finding.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={add.isPending}
      onOk={() => {
        form.submit();
      }}
      onCancel={onClose}
      okButtonProps={testId('finding-save')}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ stage: currentStage(walk), severity: 'low' }}
        onFinish={(values) => {
          setFormError(undefined);
          add.mutate(values, {
            onSuccess: onClose,
            onError: (error) => {
              setFormError(showErrorOnForm(form, error, language));
            },
          });
        }}
      >
        <Form.Item name="stage" label={t('finding.stage')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            size="large"
            options={walkStages.map((stage) => ({
              value: stage,
              label: t(`walkLabels.stage.${stage}`),
            }))}
            data-testid="finding-stage"
          />
        </Form.Item>
        <FindingKindFields testIdPrefix="finding" />
        <Form.Item
          name="description"
          label={t('finding.description')}
          rules={[requiredRule(t, t('finding.description'))]}
        >
          <Input.TextArea
            rows={4}
            maxLength={1000}
            showCount
            placeholder={t('finding.descriptionPlaceholder')}
            data-testid="finding-description"
          />
        </Form.Item>
        <Form.Item name="recurringOfId" label={t('finding.recurringOf')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            loading={earlier.isPending}
            placeholder={t('finding.recurringPlaceholder')}
            options={candidates.map((finding) => ({
              value: finding.id,
              label: `${formatDate(finding.createdAt)} · ${t(`walkLabels.category.${finding.category}`)} · ${finding.description}`,
            }))}
            data-testid="finding-recurring"
          />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
        <ErrorAlert error={formError ?? earlier.error ?? undefined} />
      </Form>
    </Modal>
  );
}
