import { useState } from 'react';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { showErrorOnForm } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { requiredRule } from '../../ui/form-rules';
import { testId } from '../../ui/test-id';
import { useLanguage } from '../../ui/use-language';
import { hubUrlRule } from './hub-form-rules';

/** Admin: the hub moved; the enrolment stays, sync goes to the new address. */
export function ChangeHubDialog({ current, onClose }: { current: string; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ hubUrl: string }>();
  const [formError, setFormError] = useState<string>();

  const save = useMutation({
    mutationFn: (hubUrl: string) => client.sync.setHubUrl({ hubUrl: hubUrl.trim() }),
    onSuccess: (status) => {
      queryClient.setQueryData(queryKeys.syncStatus, status);
      void message.success(t('sync.changedHub'));
      onClose();
    },
    onError: (error) => {
      setFormError(showErrorOnForm(form, error, language));
    },
  });

  return (
    <Modal
      open
      title={t('sync.changeHub')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => {
        form.submit();
      }}
      onCancel={onClose}
      okButtonProps={testId('sync-hub-save')}
    >
      <Typography.Paragraph type="secondary">{t('sync.changeHubHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ hubUrl: current }}
        onFinish={({ hubUrl }) => {
          setFormError(undefined);
          save.mutate(hubUrl);
        }}
      >
        <Form.Item
          name="hubUrl"
          label={t('sync.hubUrl')}
          rules={[requiredRule(t, t('sync.hubUrl')), hubUrlRule(t)]}
        >
          <Input
            autoFocus
            inputMode="url"
            maxLength={300}
            className="mono"
            placeholder={t('sync.hubUrlPlaceholder')}
            data-testid="sync-new-hub-url"
          />
        </Form.Item>
      </Form>
      <ErrorAlert error={formError} />
    </Modal>
  );
}
