import { useState } from 'react';
import { App, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@shared/api/cases';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { testId } from '../../ui/test-id';
import { caseChanged } from './case-queries';

/** Records that an accepted case is completed (办结), with an optional note. */
export function CompleteCaseDialog({
  detail,
  onClose,
}: {
  detail: CaseDetail;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const complete = useMutation({
    mutationFn: () =>
      client.cases.complete({
        caseId: detail.id,
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: async (next) => {
      void message.success(t('caseComplete.done'));
      await caseChanged(queryClient, next);
      // A walk following this case takes its 审核 end and 办结 start from the completion.
      await queryClient.invalidateQueries({ queryKey: queryKeys.walks });
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('caseComplete.title', { reference: detail.reference })}
      okText={t('caseComplete.button')}
      cancelText={t('common.cancel')}
      confirmLoading={complete.isPending}
      onOk={() => {
        complete.mutate();
      }}
      onCancel={onClose}
      okButtonProps={testId('case-complete-save')}
      destroyOnHidden
    >
      <Input.TextArea
        value={note}
        onChange={(event) => {
          setNote(event.target.value);
        }}
        rows={3}
        maxLength={500}
        showCount
        className="textarea-with-count"
        placeholder={t('caseComplete.note')}
        aria-label={t('caseComplete.note')}
        data-testid="case-complete-note"
      />
      <ErrorAlert error={complete.error ?? undefined} />
    </Modal>
  );
}
