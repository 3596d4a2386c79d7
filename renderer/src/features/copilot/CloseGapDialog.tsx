import { useState } from 'react';
import { Form, Input, Modal, Segmented, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { testId } from '../../ui/test-id';
import type { KnowledgeGap } from '@shared/api/copilot';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { showErrorOnForm } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { requiredRule } from '../../ui/form-rules';
import { useLanguage } from '../../ui/use-language';

interface CloseGapValues {
  resolution: {
    entryId?: string;
    question?: string;
    answer?: string;
    sources?: string;
    matters?: string;
  };
  note?: string;
}

const lines = (text: string | undefined, separator: RegExp): string[] =>
  (text ?? '')
    .split(separator)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** Closes a gap by pointing at the entry that answers it, or by writing that entry here. */
export function CloseGapDialog({
  gap,
  onClose,
}: {
  gap: KnowledgeGap | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CloseGapValues>();
  const [mode, setMode] = useState<'link' | 'write'>('write');
  const [formError, setFormError] = useState<string>();

  const close = useMutation({
    mutationFn: (values: CloseGapValues) =>
      client.gaps.close({
        gapId: gap?.id ?? 0,
        resolution:
          mode === 'link'
            ? { kind: 'link', entryId: values.resolution.entryId?.trim() ?? '' }
            : {
                kind: 'write',
                question: values.resolution.question ?? '',
                answer: values.resolution.answer ?? '',
                sources: lines(values.resolution.sources, /\n/),
                matters: lines(values.resolution.matters, /[,，\s]+/),
              },
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.gaps });
      onClose();
    },
    onError: (error) => {
      setFormError(showErrorOnForm(form, error, language));
    },
  });

  return (
    <Modal
      open={gap !== undefined}
      title={t('gaps.closeTitle')}
      onCancel={onClose}
      onOk={() => {
        form.submit();
      }}
      okButtonProps={{ loading: close.isPending, ...testId('gap-close-confirm') }}
      destroyOnHidden
      width={640}
    >
      <Typography.Paragraph strong>{gap?.question}</Typography.Paragraph>
      <Segmented
        value={mode}
        onChange={(value: 'link' | 'write') => {
          setMode(value);
        }}
        options={[
          { value: 'write', label: t('gaps.writeEntry') },
          { value: 'link', label: t('gaps.linkEntry') },
        ]}
        className="page-section"
      />
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ resolution: { question: gap?.question } }}
        onFinish={(values) => {
          setFormError(undefined);
          close.mutate(values);
        }}
      >
        {mode === 'link' ? (
          <Form.Item
            name={['resolution', 'entryId']}
            label={t('gaps.entryId')}
            rules={[requiredRule(t, t('gaps.entryId'))]}
          >
            <Input placeholder={t('gaps.entryIdPlaceholder')} data-testid="gap-entry-id" />
          </Form.Item>
        ) : (
          <>
            <Form.Item
              name={['resolution', 'question']}
              label={t('gaps.questionField')}
              rules={[requiredRule(t, t('gaps.questionField'))]}
            >
              <Input maxLength={300} data-testid="gap-question" />
            </Form.Item>
            <Form.Item
              name={['resolution', 'answer']}
              label={t('gaps.answer')}
              rules={[requiredRule(t, t('gaps.answer'))]}
            >
              <Input.TextArea
                autoSize={{ minRows: 3, maxRows: 8 }}
                maxLength={5000}
                data-testid="gap-answer"
              />
            </Form.Item>
            <Form.Item
              name={['resolution', 'sources']}
              label={t('gaps.sources')}
              rules={[requiredRule(t, t('gaps.sources'))]}
            >
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="gap-sources" />
            </Form.Item>
            <Form.Item name={['resolution', 'matters']} label={t('gaps.matters')}>
              <Input />
            </Form.Item>
          </>
        )}
        <Form.Item name="note" label={t('gaps.note')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
      <ErrorAlert error={formError} />
    </Modal>
  );
}
