import { useState } from 'react';
import { App, Form, Input, InputNumber, Modal, Radio, Select, Switch, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { materialStates, type MaterialState } from '@shared/api/cases';
import type { RemoteChange, SharedField } from '@shared/api/remote';
import type { FieldValue, ReviewVerdict } from '@shared/api/review';
import { useClient } from '../../app/engine-context';
import { showErrorOnForm } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { testId } from '../../ui/test-id';
import { useLanguage } from '../../ui/use-language';
import { materialFieldOf } from './remote-changes';
import { windowChanged } from './use-remote-session';

/** What the expert proposes to change: a material's state, a point's verdict, a field's value. */
export type SuggestTarget =
  | { kind: 'material'; code: string; name: string; state: MaterialState; note: string | null }
  | { kind: 'decision'; code: string; name: string; verdict: ReviewVerdict | null }
  | { kind: 'field'; field: SharedField; name: string };

interface SuggestValues {
  state?: MaterialState;
  verdict?: ReviewVerdict;
  note?: string;
  value?: FieldValue;
}

/** The box for a field's new value, shaped by the value it has now (a switch for yes/no). */
function ValueInput({ current }: { current: FieldValue }) {
  if (typeof current === 'boolean') return <Switch data-testid="remote-suggest-value" />;
  if (typeof current === 'number')
    return <InputNumber className="full-width" data-testid="remote-suggest-value" />;
  return <Input maxLength={500} data-testid="remote-suggest-value" />;
}

function changeOf(target: SuggestTarget, values: SuggestValues): RemoteChange {
  const note = values.note?.trim();
  switch (target.kind) {
    case 'material':
      return {
        kind: 'material',
        materialCode: target.code,
        state: values.state ?? target.state,
        ...(note ? { note } : {}),
      };
    case 'decision':
      return {
        kind: 'decision',
        pointCode: target.code,
        verdict: values.verdict ?? 'pass',
        ...(note ? { note } : {}),
      };
    case 'field': {
      const { materialCode, fieldKey } = materialFieldOf(target.field);
      const value = values.value ?? null;
      return {
        kind: 'field',
        materialCode,
        fieldKey,
        value: typeof value === 'string' && value.trim() === '' ? null : value,
      };
    }
  }
}

/**
 * The expert's change to one item: proposed for the clerk to accept (`remote.suggest`) or, while
 * the clerk grants control, made at once (`remote.edit`).
 */
export function SuggestDialog({
  sessionId,
  target,
  direct,
  onClose,
}: {
  sessionId: string;
  target: SuggestTarget;
  direct: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<SuggestValues>();
  const [formError, setFormError] = useState<string>();
  const state = Form.useWatch<MaterialState | undefined>('state', form);

  const send = useMutation({
    mutationFn: (change: RemoteChange) =>
      direct
        ? client.remote.edit({ sessionId, change })
        : client.remote.suggest({ sessionId, change }),
    onSuccess: (view) => {
      windowChanged(queryClient, view);
      void message.success(direct ? t('remote.edited') : t('remote.suggested'));
      onClose();
    },
    onError: (error) => {
      setFormError(showErrorOnForm(form, error, language));
    },
  });

  const initialValues: SuggestValues =
    target.kind === 'material'
      ? { state: target.state === 'pending' ? 'received' : target.state, note: target.note ?? '' }
      : target.kind === 'decision'
        ? { verdict: target.verdict ?? 'pass', note: '' }
        : {
            // A masked value is no starting point: the expert types the value read off the material.
            value: target.field.personal && !target.field.revealed ? null : target.field.value,
          };

  return (
    <Modal
      open
      width={520}
      title={t(`remote.suggestTitles.${target.kind}`, { name: target.name })}
      okText={direct ? t('remote.edit') : t('remote.suggest')}
      cancelText={t('common.cancel')}
      confirmLoading={send.isPending}
      onOk={() => {
        form.submit();
      }}
      onCancel={onClose}
      okButtonProps={testId('remote-suggest-submit')}
      destroyOnHidden
    >
      <Typography.Paragraph type={direct ? 'warning' : 'secondary'}>
        {direct ? t('remote.editIntro') : t('remote.suggestIntro')}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={initialValues}
        disabled={send.isPending}
        onFinish={(values) => {
          setFormError(undefined);
          send.mutate(changeOf(target, values));
        }}
      >
        {target.kind === 'material' ? (
          <Form.Item name="state" label={t('remote.materialState')}>
            <Select
              autoFocus
              options={materialStates.map((value) => ({
                value,
                label: t(`materialState.${value}`),
              }))}
              data-testid="remote-suggest-state"
            />
          </Form.Item>
        ) : null}
        {target.kind === 'decision' ? (
          <Form.Item name="verdict" label={t('remote.verdict')}>
            <Radio.Group optionType="button" buttonStyle="solid">
              <Radio.Button value="pass">
                <span data-testid="remote-suggest-pass">{t('review.verdict.pass')}</span>
              </Radio.Button>
              <Radio.Button value="fail">
                <span data-testid="remote-suggest-fail">{t('review.verdict.fail')}</span>
              </Radio.Button>
            </Radio.Group>
          </Form.Item>
        ) : null}
        {target.kind === 'field' ? (
          <Form.Item
            name="value"
            label={t('remote.value')}
            valuePropName={typeof target.field.value === 'boolean' ? 'checked' : 'value'}
          >
            <ValueInput current={target.field.value} />
          </Form.Item>
        ) : null}
        {target.kind !== 'field' ? (
          <Form.Item
            name="note"
            label={t('remote.note')}
            dependencies={['state']}
            rules={
              target.kind === 'material'
                ? [
                    {
                      validator: (_rule, value: string | undefined) =>
                        state !== 'to_correct' || value?.trim()
                          ? Promise.resolve()
                          : Promise.reject(new Error(t('remote.noteRequired'))),
                    },
                  ]
                : []
            }
          >
            <Input.TextArea
              rows={2}
              maxLength={500}
              showCount
              placeholder={t('remote.notePlaceholder')}
              data-testid="remote-suggest-note"
            />
          </Form.Item>
        ) : null}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
        <ErrorAlert error={formError} />
      </Form>
    </Modal>
  );
}
