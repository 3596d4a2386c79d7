import { useState } from 'react';
import { Input, Modal, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../app/engine-context';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { testId } from '../../ui/test-id';
import { windowChanged } from './use-remote-session';

/** Ends the window for both sides, with a line on how it went (kept in the case's record). */
export function EndWindowDialog({
  sessionId,
  onClose,
}: {
  sessionId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState('');
  const end = useMutation({
    mutationFn: () => client.remote.end({ sessionId, outcome: outcome.trim() }),
    onSuccess: (view) => {
      windowChanged(queryClient, view);
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('remote.endTitle')}
      okText={t('remote.end')}
      cancelText={t('common.cancel')}
      confirmLoading={end.isPending}
      okButtonProps={{ danger: true, ...testId('remote-end-confirm') }}
      onOk={() => {
        end.mutate();
      }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('remote.endHint')}</Typography.Paragraph>
      <label className="field-label" htmlFor="remote-end-outcome">
        {t('remote.outcome')}
      </label>
      <Input
        id="remote-end-outcome"
        autoFocus
        maxLength={200}
        value={outcome}
        placeholder={t('remote.outcomePlaceholder')}
        onChange={(event) => {
          setOutcome(event.target.value);
        }}
        onPressEnter={() => {
          end.mutate();
        }}
        data-testid="remote-end-outcome"
      />
      <div className="form-top-gap">
        <ErrorAlert error={end.error ?? undefined} />
      </div>
    </Modal>
  );
}
