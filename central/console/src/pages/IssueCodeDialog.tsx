import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Hall } from '@shared/hub/admin';
import { useHubMutation } from '../api/console-context';
import type { HubCallOutput } from '../api/hub-api';
import { ErrorAlert } from '../ui/ErrorAlert';
import { FormDialog } from '../ui/FormDialog';

interface CodeValues {
  hallId: string;
  note?: string;
  validHours: number;
}

export type IssuedCode = HubCallOutput<'createEnrolmentCode'>;

export function IssueCodeDialog({
  halls,
  hallId,
  onClose,
  onIssued,
}: {
  halls: Hall[];
  hallId: string | undefined;
  onClose: () => void;
  onIssued: (issued: IssuedCode) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CodeValues>();
  const issue = useHubMutation('createEnrolmentCode', ['enrolmentCodes']);

  return (
    <FormDialog<CodeValues>
      title={t('codes.issueTitle')}
      form={form}
      submitText={t('codes.issue')}
      submitting={issue.isPending}
      testId="code-form"
      onClose={onClose}
      onSubmit={(values) => {
        issue.mutate(
          {
            body: {
              hallId: values.hallId,
              note: values.note?.trim() ?? '',
              validHours: values.validHours,
            },
          },
          { onSuccess: onIssued },
        );
      }}
    >
      <Form.Item
        name="hallId"
        label={t('codes.hall')}
        initialValue={hallId}
        rules={[{ required: true, message: t('codes.hall') }]}
      >
        <Select
          autoFocus={hallId === undefined}
          showSearch={{ optionFilterProp: 'label' }}
          options={halls.map((hall) => ({ value: hall.id, label: `${hall.name}（${hall.id}）` }))}
          data-testid="code-hall"
        />
      </Form.Item>
      <Form.Item name="note" label={t('codes.note')}>
        <Input
          autoFocus={hallId !== undefined}
          placeholder={t('codes.notePlaceholder')}
          maxLength={80}
          autoComplete="off"
          data-testid="code-note"
        />
      </Form.Item>
      <Form.Item
        name="validHours"
        label={t('codes.validHours')}
        extra={t('codes.validHoursHelp')}
        initialValue={24}
        rules={[{ required: true, type: 'integer', min: 1, max: 336 }]}
      >
        <InputNumber min={1} max={336} precision={0} data-testid="code-hours" />
      </Form.Item>
      {issue.error ? <ErrorAlert error={issue.error} testId="code-error" /> : null}
    </FormDialog>
  );
}
