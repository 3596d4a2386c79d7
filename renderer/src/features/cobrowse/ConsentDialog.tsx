import { useState } from 'react';
import { App, Checkbox, Form, Input, Modal, Radio, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { consentBases, type RemoteSessionView } from '@shared/api/remote';
import { useClient } from '../../app/engine-context';
import { showErrorOnForm } from '../../ui/api-error';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { testId } from '../../ui/test-id';
import { useLanguage } from '../../ui/use-language';
import { windowChanged } from './use-remote-session';

interface ConsentValues {
  fields: string[];
  basis: (typeof consentBases)[number];
  note: string;
}

/**
 * 记录申请人同意: which personal fields the applicant agrees to show the expert, and how the
 * consent was given. Only then are those values sealed for the expert.
 */
export function ConsentDialog({ view, onClose }: { view: RemoteSessionView; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<ConsentValues>();
  const [formError, setFormError] = useState<string>();
  const personal = (view.workspace?.fields ?? []).filter((field) => field.personal);
  // The consent is to the experts in the window now; a later one needs a consent of their own.
  const experts = view.participants.filter((p) => p.role === 'expert');
  const consented = new Set(
    view.consents
      .filter((consent) => experts.some((expert) => consent.recipients.includes(expert.id)))
      .flatMap((consent) => consent.fields),
  );

  const record = useMutation({
    mutationFn: (values: ConsentValues) =>
      client.remote.recordConsent({
        sessionId: view.sessionId,
        fields: values.fields,
        basis: values.basis,
        note: values.note.trim(),
      }),
    onSuccess: (next) => {
      windowChanged(queryClient, next);
      void message.success(t('remote.consentRecorded'));
      onClose();
    },
    onError: (error) => {
      setFormError(showErrorOnForm(form, error, language));
    },
  });

  return (
    <Modal
      open
      width={600}
      title={t('remote.consentTitle')}
      okText={t('remote.recordConsent')}
      cancelText={t('common.cancel')}
      confirmLoading={record.isPending}
      okButtonProps={{
        disabled: personal.length === 0 || experts.length === 0,
        ...testId('remote-consent-submit'),
      }}
      onOk={() => {
        form.submit();
      }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('remote.consentIntro')}</Typography.Paragraph>
      {experts.length === 0 ? (
        <EmptyState title={t('remote.consentNoExpert')} />
      ) : (
        <Typography.Paragraph data-testid="remote-consent-recipients">
          <Typography.Text strong>{t('remote.consentRecipients')}：</Typography.Text>
          {experts.map((expert) => `${expert.displayName}（${expert.hallName}）`).join('、')}
        </Typography.Paragraph>
      )}
      {experts.length === 0 ? null : personal.length === 0 ? (
        <EmptyState title={t('remote.noPersonalFields')} />
      ) : (
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ fields: [], basis: 'verbal', note: '' }}
          disabled={record.isPending}
          onFinish={(values) => {
            setFormError(undefined);
            record.mutate(values);
          }}
        >
          <Form.Item
            name="fields"
            label={t('remote.consentFields')}
            rules={[{ type: 'array', min: 1, message: t('remote.consentFieldsRequired') }]}
          >
            <Checkbox.Group className="consent-fields">
              {personal.map((field) => (
                <Checkbox key={field.key} value={field.key}>
                  {/* Inside the label: check() and isChecked() retarget to its input. */}
                  <span data-testid="remote-consent-field" data-key={field.key}>
                    {field.label}
                    {consented.has(field.key) ? (
                      <Typography.Text type="success"> · {t('remote.consented')}</Typography.Text>
                    ) : null}
                  </span>
                </Checkbox>
              ))}
            </Checkbox.Group>
          </Form.Item>
          <Form.Item name="basis" label={t('remote.basis')}>
            <Radio.Group optionType="button" buttonStyle="solid">
              {consentBases.map((basis) => (
                <Radio.Button key={basis} value={basis}>
                  <span data-testid={`remote-consent-basis-${basis}`}>
                    {t(`remote.bases.${basis}`)}
                  </span>
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="note" label={t('remote.consentNote')}>
            <Input
              maxLength={200}
              placeholder={t('remote.consentNotePlaceholder')}
              data-testid="remote-consent-note"
            />
          </Form.Item>
          <ErrorAlert error={formError} />
        </Form>
      )}
    </Modal>
  );
}
