import { App, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConflictRow } from '@shared/hub/admin';
import { useHubMutation } from '../api/console-context';
import { ErrorAlert } from '../ui/ErrorAlert';
import { FormDialog } from '../ui/FormDialog';

interface ResolutionValues {
  resolution: string;
}

/** Both sides of a conflict, and the note that records how a person settled it. */
export function ResolveConflictDialog({
  conflict,
  onClose,
}: {
  conflict: ConflictRow;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResolutionValues>();
  const resolve = useHubMutation('resolveConflict', ['conflicts']);

  return (
    <FormDialog<ResolutionValues>
      title={t('conflicts.resolveTitle', { id: conflict.id })}
      form={form}
      submitText={t('conflicts.save')}
      submitting={resolve.isPending}
      testId="conflict-form"
      width={760}
      onClose={onClose}
      onSubmit={(values) => {
        resolve.mutate(
          { params: { id: conflict.id }, body: { resolution: values.resolution.trim() } },
          {
            onSuccess: () => {
              void message.success(t('conflicts.resolved', { id: conflict.id }));
              onClose();
            },
          },
        );
      }}
    >
      <div className="conflict-sides">
        <div>
          <Typography.Text strong>{t('conflicts.theirs')}</Typography.Text>
          <pre className="json-block">{JSON.stringify(conflict.theirs, null, 2)}</pre>
        </div>
        <div>
          <Typography.Text strong>{t('conflicts.ours')}</Typography.Text>
          <pre className="json-block">{JSON.stringify(conflict.ours, null, 2)}</pre>
        </div>
      </div>
      <Form.Item
        name="resolution"
        label={t('conflicts.resolution')}
        rules={[{ required: true, whitespace: true, message: t('conflicts.resolutionRequired') }]}
      >
        <Input.TextArea
          autoFocus
          rows={3}
          maxLength={500}
          showCount
          placeholder={t('conflicts.resolutionPlaceholder')}
          onKeyDown={(event) => {
            // Enter is a new line in a note: Ctrl+Enter submits, as in the desktop app's forms.
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) form.submit();
          }}
        />
      </Form.Item>
      {resolve.error ? <ErrorAlert error={resolve.error} /> : null}
    </FormDialog>
  );
}
