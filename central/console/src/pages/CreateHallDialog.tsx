import { useState } from 'react';
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Hall } from '@shared/hub/admin';
import { useHubMutation } from '../api/console-context';
import { ErrorAlert } from '../ui/ErrorAlert';
import { FormDialog } from '../ui/FormDialog';
import { showErrorOnField } from '../ui/form-errors';
import { useConsoleLanguage } from '../ui/use-console-language';

interface HallValues {
  id: string;
  name: string;
}

/** The same rule as the hub's `hallIdSchema`, said in words a person can follow. */
const hallIdPattern = /^[a-z0-9][a-z0-9-]{1,39}$/;

export function CreateHallDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (hall: Hall) => void;
}) {
  const { t } = useTranslation();
  const language = useConsoleLanguage();
  const [form] = Form.useForm<HallValues>();
  const create = useHubMutation('createHall', ['halls']);
  // A refusal about a field (the id already taken) goes under that field; others above the buttons.
  const [unplaced, setUnplaced] = useState<unknown>();

  return (
    <FormDialog<HallValues>
      title={t('halls.create')}
      form={form}
      submitText={t('halls.create')}
      submitting={create.isPending}
      testId="hall-form"
      onClose={onClose}
      onSubmit={(values) => {
        setUnplaced(undefined);
        create.mutate(
          { body: { id: values.id.trim(), name: values.name.trim() } },
          {
            onSuccess: onCreated,
            onError: (error) => {
              if (!showErrorOnField(form, error, language)) setUnplaced(error);
            },
          },
        );
      }}
    >
      <Form.Item
        name="id"
        label={t('halls.id')}
        extra={t('halls.idHelp')}
        rules={[
          { required: true, message: t('halls.idInvalid') },
          { pattern: hallIdPattern, message: t('halls.idInvalid') },
        ]}
      >
        <Input
          autoFocus
          className="mono"
          placeholder="qingshan-county"
          autoComplete="off"
          data-testid="hall-id"
        />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('halls.name')}
        rules={[{ required: true, whitespace: true, message: t('halls.nameRequired') }]}
      >
        <Input
          placeholder={t('halls.namePlaceholder')}
          maxLength={80}
          autoComplete="off"
          data-testid="hall-name"
        />
      </Form.Item>
      <ErrorAlert error={unplaced} testId="hall-error" />
    </FormDialog>
  );
}
