import { useState } from 'react';
import { Alert, App, Button, Checkbox, Modal, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FieldValue, Prefill, Review } from '@shared/api/review';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { ErrorAlert } from '../../ui/ErrorAlert';

const offerKey = (offer: Prefill[number]) => `${offer.materialCode}.${offer.fieldKey}`;

/**
 * Values the applicant gave in earlier cases, for this case's empty fields: shown with their
 * source, each ticked or unticked by the clerk, and saved only on confirmation (never silently).
 */
export function PrefillOffer({ review }: { review: Review }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useClient();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [unticked, setUnticked] = useState<Set<string>>(new Set());
  const offers = useQuery({
    queryKey: ['review', review.caseId, 'prefill', review.materials],
    queryFn: () => client.review.prefill({ caseId: review.caseId }),
  });
  const chosen = (offers.data ?? []).filter((offer) => !unticked.has(offerKey(offer)));

  const apply = useMutation({
    mutationFn: async () => {
      const byMaterial = new Map<string, Record<string, FieldValue>>();
      for (const offer of chosen) {
        const values = byMaterial.get(offer.materialCode) ?? {};
        values[offer.fieldKey] = offer.value;
        byMaterial.set(offer.materialCode, values);
      }
      let latest: Review | undefined;
      for (const [materialCode, values] of byMaterial) {
        latest = await client.review.saveFields({ caseId: review.caseId, materialCode, values });
      }
      return latest;
    },
    onSuccess: (latest) => {
      if (latest) queryClient.setQueryData(queryKeys.review(review.caseId), latest);
      void message.success(t('prefill.applied', { count: chosen.length }));
      setOpen(false);
    },
  });

  const count = offers.data?.length ?? 0;
  if (count === 0) return null;
  return (
    <>
      <Alert
        type="info"
        showIcon
        data-testid="prefill-offer"
        title={t('prefill.offers', { count })}
        action={
          <Button
            size="small"
            onClick={() => {
              setOpen(true);
            }}
            data-testid="prefill-review"
          >
            {t('prefill.review')}
          </Button>
        }
      />
      <Modal
        open={open}
        title={t('prefill.title')}
        okText={t('prefill.apply', { count: chosen.length })}
        okButtonProps={{ disabled: chosen.length === 0, loading: apply.isPending }}
        onOk={() => {
          apply.mutate();
        }}
        onCancel={() => {
          setOpen(false);
        }}
        width={640}
      >
        {(offers.data ?? []).map((offer) => (
          <div key={offerKey(offer)} className="prefill-row" data-testid="prefill-item">
            <Checkbox
              checked={!unticked.has(offerKey(offer))}
              onChange={(event) => {
                const next = new Set(unticked);
                if (event.target.checked) next.delete(offerKey(offer));
                else next.add(offerKey(offer));
                setUnticked(next);
              }}
            >
              <Typography.Text strong>{offer.label}</Typography.Text>：{String(offer.value)}
            </Checkbox>
            <Typography.Text type="secondary" className="prefill-source">
              {offer.materialName} · {t('prefill.source')} {offer.source}
            </Typography.Text>
          </div>
        ))}
        <ErrorAlert error={apply.error ?? undefined} />
      </Modal>
    </>
  );
}
