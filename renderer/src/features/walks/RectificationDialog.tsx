import { useMemo, useState } from 'react';
import { App, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Finding } from '@shared/api/walks';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { showErrorOnForm } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { requiredRule } from '../../ui/form-rules';
import { testId } from '../../ui/test-id';
import { useLanguage } from '../../ui/use-language';
import { useUnits } from './use-units';
import { rectificationChanged } from './walk-cache';
import { CategoryTag, SeverityTag } from './WalkTags';

interface RectificationValues {
  action: string;
  ownerUnitId: number;
  ownerPerson: string;
  ownerUserId?: number;
  dueWorkingDays: number;
}

const defaultDueDays = 10;

/** The hall's enabled users (not remote experts): who may be named to report progress. */
function useOwnerCandidates() {
  const client = useClient();
  const directory = useQuery({
    queryKey: queryKeys.userDirectory,
    queryFn: () => client.users.directory({}),
  });
  const { t } = useTranslation();
  return useMemo(
    () =>
      (directory.data ?? [])
        .filter((candidate) => candidate.role !== 'remote_expert')
        .map((candidate) => ({
          value: candidate.id,
          label: `${candidate.displayName}（${t(`roles.${candidate.role}`)}）`,
        })),
    [directory.data, t],
  );
}

/** Raises a rectification of a finding: action, owner, and a due date in working days. */
export function RectificationDialog({
  finding,
  onClose,
}: {
  finding: Finding;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const units = useUnits();
  const owners = useOwnerCandidates();
  const [form] = Form.useForm<RectificationValues>();
  const [formError, setFormError] = useState<string>();

  const create = useMutation({
    mutationFn: (values: RectificationValues) =>
      client.rectifications.create({
        findingId: finding.id,
        action: values.action,
        ownerUnitId: values.ownerUnitId,
        ownerPerson: values.ownerPerson,
        ...(values.ownerUserId === undefined ? {} : { ownerUserId: values.ownerUserId }),
        dueWorkingDays: values.dueWorkingDays,
      }),
    onSuccess: async (rectification) => {
      void message.success(t('rectification.created'));
      await rectificationChanged(queryClient, rectification);
      onClose();
    },
    onError: (error) => {
      setFormError(showErrorOnForm(form, error, language));
    },
  });

  return (
    <Modal
      open
      width={640}
      title={t('rectification.createTitle')}
      okText={t('rectification.createTitle')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => {
        form.submit();
      }}
      onCancel={onClose}
      okButtonProps={testId('rectification-save')}
      destroyOnHidden
    >
      <div className="dialog-context" data-testid="rectification-finding">
        <Typography.Text type="secondary">{t('rectification.finding')}：</Typography.Text>
        <CategoryTag category={finding.category} />
        <SeverityTag severity={finding.severity} />
        <Typography.Paragraph className="dialog-context-text">
          {finding.description}
        </Typography.Paragraph>
      </div>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ ownerUnitId: finding.unitId, dueWorkingDays: defaultDueDays }}
        onFinish={(values) => {
          setFormError(undefined);
          create.mutate(values);
        }}
      >
        <Form.Item
          name="action"
          label={t('rectification.action')}
          rules={[requiredRule(t, t('rectification.action'))]}
        >
          <Input.TextArea
            rows={3}
            autoFocus
            maxLength={1000}
            showCount
            placeholder={t('rectification.actionPlaceholder')}
            data-testid="rectification-action"
          />
        </Form.Item>
        <div className="form-two-columns">
          <Form.Item
            name="ownerUnitId"
            label={t('rectification.ownerUnit')}
            rules={[
              {
                required: true,
                message: t('common.fieldRequired', { field: t('rectification.ownerUnit') }),
              },
            ]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={units.isPending}
              options={(units.data ?? []).map((unit) => ({ value: unit.id, label: unit.name }))}
              data-testid="rectification-unit"
            />
          </Form.Item>
          <Form.Item
            name="ownerPerson"
            label={t('rectification.ownerPerson')}
            rules={[requiredRule(t, t('rectification.ownerPerson'))]}
          >
            <Input
              maxLength={40}
              placeholder={t('rectification.ownerPersonPlaceholder')}
              data-testid="rectification-person"
            />
          </Form.Item>
        </div>
        <Form.Item
          name="ownerUserId"
          label={t('rectification.ownerUser')}
          extra={t('rectification.ownerUserHint')}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={owners}
            data-testid="rectification-user"
          />
        </Form.Item>
        <Form.Item name="dueWorkingDays" label={t('rectification.dueDays')}>
          <InputNumber
            min={1}
            max={250}
            precision={0}
            size="large"
            suffix={t('rectification.dueDaysSuffix')}
            style={{ width: 200 }}
            data-testid="rectification-days"
          />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
        <ErrorAlert error={formError} />
      </Form>
    </Modal>
  );
}
