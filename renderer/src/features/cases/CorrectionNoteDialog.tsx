import { useState } from 'react';
import { Button, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface CorrectionNoteDialogProps {
  materialName: string;
  initialNote: string;
  saving: boolean;
  error: string | undefined;
  onSubmit: (note: string) => void;
  onCancel: () => void;
}

/** "需补正" needs to say what: a short note, Enter saves (Shift+Enter for a new line). */
export function CorrectionNoteDialog({
  materialName,
  initialNote,
  saving,
  error,
  onSubmit,
  onCancel,
}: CorrectionNoteDialogProps) {
  const { t } = useTranslation();
  const [note, setNote] = useState(initialNote);
  const [touched, setTouched] = useState(false);
  const empty = note.trim() === '';
  const submit = () => {
    setTouched(true);
    if (!empty) onSubmit(note.trim());
  };
  const shownError = touched && empty ? t('caseDetail.correctionRequired') : error;

  return (
    <Modal
      open
      title={t('caseDetail.correctionTitle', { name: materialName })}
      onCancel={onCancel}
      footer={[
        <Button key="cancel" onClick={onCancel}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          loading={saving}
          onClick={submit}
          data-testid="material-note-ok"
        >
          {t('common.ok')}
        </Button>,
      ]}
    >
      <label className="field-label" htmlFor="material-note">
        {t('caseDetail.correctionNote')}
      </label>
      <Input.TextArea
        id="material-note"
        autoFocus
        rows={3}
        maxLength={500}
        showCount
        value={note}
        status={shownError ? 'error' : undefined}
        placeholder={t('caseDetail.correctionPlaceholder')}
        onChange={(event) => {
          setNote(event.target.value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            submit();
          }
        }}
        data-testid="material-note-input"
      />
      {shownError ? (
        <Typography.Text type="danger" role="alert">
          {shownError}
        </Typography.Text>
      ) : null}
    </Modal>
  );
}
