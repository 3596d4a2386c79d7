import { useState } from 'react';
import { App, Button, Card, Form, Input, Radio, Typography } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ApplicantInput } from '@shared/api/cases';
import type { MatterSummary } from '@shared/api/matters';
import { useClient } from '../../app/engine-context';
import { showErrorOnForm } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FieldLabel } from '../../ui/FieldLabel';
import { useLanguage } from '../../ui/use-language';
import { caseChanged } from './case-queries';
import { EnterpriseApplicantFields } from './EnterpriseApplicantFields';
import { KnownApplicantOffer } from './KnownApplicantOffer';
import { MatterPicker, MatterSummaryLine } from './MatterPicker';
import { PersonApplicantFields } from './PersonApplicantFields';

type ApplicantKind = ApplicantInput['kind'];

interface NewCaseValues {
  applicant: {
    kind: ApplicantKind;
    name?: string;
    idNumber?: string;
    uscc?: string;
    phone?: string;
    address?: string;
    legalRepresentative?: string;
  };
  note?: string;
}

/** Empty optional fields are left out: the engine wants them absent, not blank. */
function filled(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function applicantInput(values: NewCaseValues['applicant']): ApplicantInput {
  const name = values.name?.trim() ?? '';
  const phone = filled(values.phone);
  const address = filled(values.address);
  if (values.kind === 'person') {
    return {
      kind: 'person',
      name,
      idNumber: values.idNumber?.trim() ?? '',
      phone: phone ?? '',
      ...(address ? { address } : {}),
    };
  }
  return {
    kind: 'enterprise',
    name,
    uscc: values.uscc?.trim() ?? '',
    legalRepresentative: values.legalRepresentative?.trim() ?? '',
    address: address ?? '',
    ...(phone ? { phone } : {}),
  };
}

function defaultKind(matter: MatterSummary): ApplicantKind {
  return matter.subjectKind === 'enterprise' ? 'enterprise' : 'person';
}

/** Receive an applicant: pick the matter, fill in who applies, open the case. */
export function NewCaseScreen() {
  const { t } = useTranslation();
  const [matter, setMatter] = useState<MatterSummary>();
  return (
    <div className="page page-narrow">
      <Typography.Title level={4} className="page-title">
        {t('newCase.title')}
      </Typography.Title>
      {matter ? (
        <ApplicantForm
          key={matter.id}
          matter={matter}
          onChangeMatter={() => {
            setMatter(undefined);
          }}
        />
      ) : (
        <Card title={t('newCase.matter')}>
          <MatterPicker onPick={setMatter} />
        </Card>
      )}
    </div>
  );
}

interface ApplicantFormProps {
  matter: MatterSummary;
  onChangeMatter: () => void;
}

function ApplicantForm({ matter, onChangeMatter }: ApplicantFormProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useClient();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewCaseValues>();
  const watchedKind: unknown = Form.useWatch(['applicant', 'kind'], form);
  const kind: ApplicantKind =
    watchedKind === 'person' || watchedKind === 'enterprise' ? watchedKind : defaultKind(matter);
  const [formError, setFormError] = useState<string>();

  const create = useMutation({
    mutationFn: (values: NewCaseValues) => {
      const note = filled(values.note);
      return client.cases.create({
        matterId: matter.id,
        applicant: applicantInput(values.applicant),
        ...(note ? { note } : {}),
      });
    },
    onSuccess: async (detail) => {
      void message.success(t('newCase.created', { reference: detail.reference }));
      await caseChanged(queryClient, detail);
      await navigate(`/cases/${detail.id}`);
    },
    onError: (error) => {
      setFormError(showErrorOnForm(form, error, language));
    },
  });

  const allowed = (candidate: ApplicantKind) =>
    matter.subjectKind === 'both' || matter.subjectKind === candidate;

  return (
    <>
      <Card
        title={t('newCase.matter')}
        className="page-section"
        extra={
          <Button icon={<SwapOutlined />} onClick={onChangeMatter} data-testid="change-matter">
            {t('newCase.changeMatter')}
          </Button>
        }
      >
        <MatterSummaryLine matter={matter} />
      </Card>
      <Card title={t('newCase.applicant')} className="page-section">
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ applicant: { kind: defaultKind(matter) } }}
          disabled={create.isPending}
          onFinish={(values) => {
            setFormError(undefined);
            create.mutate(values);
          }}
        >
          <Form.Item
            name={['applicant', 'kind']}
            label={t('newCase.applicantKind')}
            extra={
              matter.subjectKind === 'both'
                ? undefined
                : t('newCase.onlyFor', { kind: t(`applicantKind.${matter.subjectKind}`) })
            }
          >
            <Radio.Group optionType="button" buttonStyle="solid">
              <Radio.Button value="person" disabled={!allowed('person')}>
                {/* The test id sits inside the label: clicking it picks the radio, and */}
                {/* Playwright's check()/isChecked() retarget to the label's input. */}
                <span data-testid="applicant-kind-person">{t('applicantKind.person')}</span>
              </Radio.Button>
              <Radio.Button value="enterprise" disabled={!allowed('enterprise')}>
                {/* The test id sits inside the label: clicking it picks the radio, and */}
                {/* Playwright's check()/isChecked() retarget to the label's input. */}
                <span data-testid="applicant-kind-enterprise">{t('applicantKind.enterprise')}</span>
              </Radio.Button>
            </Radio.Group>
          </Form.Item>
          <div className="form-grid">
            {kind === 'person' ? <PersonApplicantFields /> : <EnterpriseApplicantFields />}
          </div>
          <KnownApplicantOffer kind={kind} />
          <Form.Item name="note" label={<FieldLabel text={t('newCase.note')} optional />}>
            <Input.TextArea
              rows={2}
              maxLength={500}
              showCount
              placeholder={t('newCase.notePlaceholder')}
              data-testid="case-note"
            />
          </Form.Item>
          {formError ? (
            <div className="form-error">
              <ErrorAlert error={formError} testId="case-create-error" />
            </div>
          ) : null}
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            loading={create.isPending}
            data-testid="case-create-submit"
          >
            {t('newCase.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
