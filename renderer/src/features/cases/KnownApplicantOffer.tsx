import { Alert, Button, Form } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KnownApplicant } from '@shared/api/cases';
import { parseCitizenId } from '@shared/domain/citizen-id';
import { parseUscc } from '@shared/domain/uscc';
import { useClient } from '../../app/engine-context';
import { formatDateTime } from '../../ui/format';

type Known = NonNullable<KnownApplicant['applicant']>;

/**
 * Once a valid ID number or credit code is typed, says whether the hall has seen this applicant
 * and offers to fill the empty fields with what it knows. Nothing is filled without the click.
 */
export function KnownApplicantOffer({ kind }: { kind: 'person' | 'enterprise' }) {
  const { t } = useTranslation();
  const client = useClient();
  const form = Form.useFormInstance();
  const typed: unknown = Form.useWatch(
    ['applicant', kind === 'person' ? 'idNumber' : 'uscc'],
    form,
  );
  const idNumber = typeof typed === 'string' ? typed.trim() : '';
  const valid = kind === 'person' ? parseCitizenId(idNumber).ok : parseUscc(idNumber).ok;
  const [filled, setFilled] = useState<string[]>();
  const lookup = useQuery({
    queryKey: ['applicants', 'lookup', kind, idNumber.toUpperCase()],
    queryFn: () => client.applicants.lookup({ kind, idNumber }),
    enabled: valid,
  });
  const known = valid ? lookup.data : undefined;
  if (!known?.known || !known.applicant) return null;

  const fill = (applicant: Known) => {
    const labels: Record<string, string> = {
      name: t(kind === 'person' ? 'newCase.person.name' : 'newCase.enterprise.name'),
      phone: t(kind === 'person' ? 'newCase.person.phone' : 'newCase.enterprise.phone'),
      address: t(kind === 'person' ? 'newCase.person.address' : 'newCase.enterprise.address'),
      legalRepresentative: t('newCase.enterprise.legalRepresentative'),
    };
    const keys = (['name', 'phone', 'address', 'legalRepresentative'] as const).filter(
      (key) =>
        applicant[key] !== null &&
        (kind === 'enterprise' || key !== 'legalRepresentative') &&
        !String(form.getFieldValue(['applicant', key]) ?? '').trim(),
    );
    form.setFieldsValue({
      applicant: Object.fromEntries(keys.map((key) => [key, applicant[key]])),
    });
    setFilled(keys.map((key) => labels[key] ?? key));
  };

  return (
    <Alert
      type="info"
      showIcon
      className="form-offer"
      data-testid="known-applicant"
      title={t('prefill.knownApplicant', {
        count: known.caseCount,
        date: formatDateTime(known.lastCaseAt).slice(0, 10),
      })}
      description={
        filled ? t('prefill.filledKnown', { fields: filled.join('、') || '—' }) : undefined
      }
      action={
        filled ? undefined : (
          <Button
            size="small"
            type="primary"
            onClick={() => {
              if (known.applicant) fill(known.applicant);
            }}
            data-testid="known-applicant-fill"
          >
            {t('prefill.fillKnown')}
          </Button>
        )
      }
    />
  );
}
