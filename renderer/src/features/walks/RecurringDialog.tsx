import { formatDate } from '../../ui/format';
import { useState } from 'react';
import { App, Modal, Select, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Finding } from '@shared/api/walks';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { testId } from '../../ui/test-id';

/** Marks a finding as repeating an earlier one of the same unit and matter, or clears the mark. */
export function RecurringDialog({ finding, onClose }: { finding: Finding; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [picked, setPicked] = useState<number | null>(finding.recurringOfId);
  const input = {
    unitId: finding.unitId,
    ...(finding.matterCode ? { matterCode: finding.matterCode } : {}),
  };
  const earlier = useQuery({
    queryKey: queryKeys.findingList(input),
    queryFn: () => client.findings.list(input),
  });
  const mark = useMutation({
    mutationFn: () =>
      client.findings.markRecurring({ findingId: finding.id, recurringOfId: picked }),
    onSuccess: async () => {
      void message.success(t('common.saved'));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.walks }),
        queryClient.invalidateQueries({ queryKey: queryKeys.findings }),
      ]);
      onClose();
    },
  });
  const candidates = (earlier.data ?? []).filter(
    (candidate) => candidate.id !== finding.id && candidate.createdAt <= finding.createdAt,
  );
  return (
    <Modal
      open
      title={t('finding.markRecurring')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={mark.isPending}
      onOk={() => {
        mark.mutate();
      }}
      onCancel={onClose}
      okButtonProps={testId('recurring-save')}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{finding.description}</Typography.Paragraph>
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: '100%' }}
        value={picked ?? undefined}
        onChange={(value: number | undefined) => {
          setPicked(value ?? null);
        }}
        loading={earlier.isPending}
        placeholder={t('finding.recurringPlaceholder')}
        aria-label={t('finding.recurringOf')}
        options={candidates.map((candidate) => ({
          value: candidate.id,
          label: `${formatDate(candidate.createdAt)} · ${t(`walkLabels.category.${candidate.category}`)} · ${candidate.description}`,
        }))}
        data-testid="recurring-pick"
      />
      <ErrorAlert error={mark.error ?? earlier.error ?? undefined} />
    </Modal>
  );
}
