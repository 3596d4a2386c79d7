import { useState } from 'react';
import { Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { testId } from '../../ui/test-id';

interface CloseHelpDialogProps {
  outcome: 'resolved' | 'unresolved';
  saving: boolean;
  error: unknown;
  onSubmit: (note: string) => void;
  onCancel: () => void;
}

/** Closes a help request as resolved or not, with a short note of what came of it. */
export function CloseHelpDialog({
  outcome,
  saving,
  error,
  onSubmit,
  onCancel,
}: CloseHelpDialogProps) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  return (
    <Modal
      open
      title={t(`help.closeTitles.${outcome}`)}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ danger: outcome === 'unresolved', ...testId('help-close-confirm') }}
      onOk={() => {
        onSubmit(note.trim());
      }}
      onCancel={onCancel}
      destroyOnHidden
    >
      <label className="field-label" htmlFor="help-close-note">
        {t('help.closeNote')}
      </label>
      <Input.TextArea
        id="help-close-note"
        autoFocus
        rows={3}
        maxLength={500}
        showCount
        className="textarea-with-count"
        value={note}
        placeholder={t('help.closeNotePlaceholder')}
        onChange={(event) => {
          setNote(event.target.value);
        }}
        data-testid="help-close-note"
      />
      <ErrorAlert error={error} />
    </Modal>
  );
}
