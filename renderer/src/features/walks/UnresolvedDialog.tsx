import { useEffect, useState } from 'react';
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { showErrorOnForm } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { requiredRule } from '../../ui/form-rules';
import { testId } from '../../ui/test-id';
import { useDebouncedValue } from '../../ui/use-debounced-value';
import { useLanguage } from '../../ui/use-language';
import { useUnits } from './use-units';

interface UnresolvedValues {
  unitId: number;
  matterCode?: string;
  matterName?: string;
  need: string;
  reason: string;
}

/** A case the report is filed from: its reference, matter and department fill the form. */
export interface UnresolvedCaseContext {
  caseId: number;
  reference: string;
  matterCode: string;
  matterName: string;
  department: string;
}

/** Finds a catalogue matter by name, code or pinyin initials as the clerk types. */
function MatterSelect({
  value,
  onChange,
  initial,
}: {
  value?: string;
  onChange?: (value: string | undefined) => void;
  initial?: { code: string; name: string };
}) {
  const { t } = useTranslation();
  const client = useClient();
  const [search, setSearch] = useState('');
  const query = useDebouncedValue(search.trim(), 200);
  const input = { query, highFrequencyOnly: false, limit: 30 };
  const matters = useQuery({
    queryKey: queryKeys.matterSearch(input),
    queryFn: () => client.matters.search(input),
    placeholderData: keepPreviousData,
  });
  const options = (matters.data ?? []).map((matter) => ({
    value: matter.code,
    label: `${matter.name} · ${matter.department}`,
  }));
  if (initial && !options.some((option) => option.value === initial.code))
    options.unshift({ value: initial.code, label: initial.name });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value}
      onChange={(next: string | undefined) => onChange?.(next)}
      loading={matters.isFetching}
      placeholder={t('unresolved.matterPlaceholder')}
      options={options}
      data-testid="unresolved-matter"
    />
  );
}

/** 办不成事登记: what the applicant needed at the window and why it could not be done. */
export function UnresolvedDialog({
  context,
  onClose,
}: {
  context?: UnresolvedCaseContext;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const units = useUnits();
  const [form] = Form.useForm<UnresolvedValues>();
  const [formError, setFormError] = useState<string>();
  const matterCode = Form.useWatch<string | undefined>('matterCode', form);
  // The case's department names the unit, when a unit handles it.
  const caseUnit = context
    ? (units.data ?? []).find((unit) => unit.department === context.department)?.id
    : undefined;
  // The units may arrive after the form opened.
  useEffect(() => {
    if (caseUnit !== undefined && form.getFieldValue('unitId') === undefined)
      form.setFieldValue('unitId', caseUnit);
  }, [caseUnit, form]);

  const file = useMutation({
    mutationFn: (values: UnresolvedValues) => {
      const matterName = values.matterName?.trim();
      return client.unresolved.file({
        unitId: values.unitId,
        ...(values.matterCode ? { matterCode: values.matterCode } : {}),
        ...(!values.matterCode && matterName ? { matterName } : {}),
        need: values.need,
        reason: values.reason,
        ...(context ? { caseId: context.caseId } : {}),
      });
    },
    onSuccess: async () => {
      void message.success(t('unresolved.filed'));
      await queryClient.invalidateQueries({ queryKey: queryKeys.unresolved });
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
      title={t('unresolved.fileTitle')}
      okText={t('unresolved.file')}
      cancelText={t('common.cancel')}
      confirmLoading={file.isPending}
      onOk={() => {
        form.submit();
      }}
      onCancel={onClose}
      okButtonProps={testId('unresolved-save')}
      destroyOnHidden
    >
      {context ? (
        <Typography.Paragraph type="secondary">
          {t('unresolved.case')}：<span className="mono">{context.reference}</span>
        </Typography.Paragraph>
      ) : null}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ matterCode: context?.matterCode, unitId: caseUnit }}
        onFinish={(values) => {
          setFormError(undefined);
          file.mutate(values);
        }}
      >
        <Form.Item
          name="unitId"
          label={t('unresolved.unit')}
          rules={[
            { required: true, message: t('common.fieldRequired', { field: t('unresolved.unit') }) },
          ]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={units.isPending}
            options={(units.data ?? []).map((unit) => ({ value: unit.id, label: unit.name }))}
            data-testid="unresolved-unit"
          />
        </Form.Item>
        <div className="form-two-columns">
          <Form.Item name="matterCode" label={t('unresolved.matter')}>
            <MatterSelect
              initial={context ? { code: context.matterCode, name: context.matterName } : undefined}
            />
          </Form.Item>
          <Form.Item
            name="matterName"
            label={t('unresolved.matterName')}
            dependencies={['matterCode']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_rule, value: string | undefined) =>
                  getFieldValue('matterCode') || value?.trim()
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('unresolved.matterRequired'))),
              }),
            ]}
          >
            <Input
              maxLength={100}
              disabled={Boolean(matterCode)}
              placeholder={t('unresolved.matterNamePlaceholder')}
              data-testid="unresolved-matter-name"
            />
          </Form.Item>
        </div>
        <Form.Item
          name="need"
          label={t('unresolved.need')}
          rules={[requiredRule(t, t('unresolved.need'))]}
        >
          <Input.TextArea
            rows={3}
            maxLength={1000}
            showCount
            placeholder={t('unresolved.needPlaceholder')}
            data-testid="unresolved-need"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('unresolved.reason')}
          rules={[requiredRule(t, t('unresolved.reason'))]}
        >
          <Input.TextArea
            rows={3}
            maxLength={1000}
            showCount
            placeholder={t('unresolved.reasonPlaceholder')}
            data-testid="unresolved-reason"
          />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
        <ErrorAlert error={formError ?? units.error ?? undefined} />
      </Form>
    </Modal>
  );
}
