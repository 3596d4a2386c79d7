import { useState } from 'react';
import { App, Form, Input, Modal, Radio, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { helpUrgencies } from '@shared/hub/remote';
import { useClient } from '../../app/engine-context';
import { showErrorOnForm } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { requiredRule } from '../../ui/form-rules';
import { testId } from '../../ui/test-id';
import { useLanguage } from '../../ui/use-language';
import { helpChanged } from './help-queries';

/** The case a help request is raised from: only its reference and matter travel. */
export interface HelpCaseContext {
  caseId: number;
  reference: string;
  department: string;
}

interface RaiseValues {
  question: string;
  urgency: (typeof helpUrgencies)[number];
}

/** 求助专家: the question and its urgency, queued for the matter's department. */
export function RaiseHelpDialog({
  context,
  onClose,
}: {
  context: HelpCaseContext;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<RaiseValues>();
  const [formError, setFormError] = useState<string>();

  const raise = useMutation({
    mutationFn: (values: RaiseValues) =>
      client.help.raise({
        caseId: context.caseId,
        question: values.question.trim(),
        urgency: values.urgency,
      }),
    onSuccess: async (request) => {
      void message.success(t('help.raised'));
      onClose();
      await helpChanged(queryClient, request);
    },
    onError: (error) => {
      setFormError(showErrorOnForm(form, error, language));
    },
  });

  return (
    <Modal
      open
      width={560}
      title={t('help.raiseTitle', { reference: context.reference })}
      okText={t('help.raise')}
      cancelText={t('common.cancel')}
      confirmLoading={raise.isPending}
      onOk={() => {
        form.submit();
      }}
      onCancel={onClose}
      okButtonProps={testId('help-raise-submit')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('help.raiseIntro', { department: context.department })}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ urgency: 'normal' }}
        disabled={raise.isPending}
        onFinish={(values) => {
          setFormError(undefined);
          raise.mutate(values);
        }}
      >
        <Form.Item
          name="question"
          label={t('help.question')}
          rules={[requiredRule(t, t('help.question'))]}
          extra={t('help.questionMasked')}
        >
          <Input.TextArea
            autoFocus
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('help.questionPlaceholder')}
            onKeyDown={(event) => {
              // Ctrl+Enter sends from the text box (Enter alone starts a new line).
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                form.submit();
              }
            }}
            data-testid="help-question"
          />
        </Form.Item>
        <Form.Item name="urgency" label={t('help.urgency')}>
          <Radio.Group optionType="button" buttonStyle="solid">
            {helpUrgencies.map((urgency) => (
              <Radio.Button key={urgency} value={urgency}>
                {/* The test id sits inside the label: clicking it picks the radio. */}
                <span data-testid={`help-urgency-${urgency}`}>
                  {t(`help.urgencies.${urgency}`)}
                </span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
        <ErrorAlert error={formError} />
      </Form>
    </Modal>
  );
}
