import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FieldValue, Review, ReviewMaterial } from '@shared/api/review';
import { parseCitizenId } from '@shared/domain/citizen-id';
import { isPhoneNumber } from '@shared/domain/phone';
import { parseUscc } from '@shared/domain/uscc';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { showErrorOnForm } from '../../ui/api-error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useLanguage } from '../../ui/use-language';
import { AddressInput } from './AddressInput';
import { PrefillOffer } from './PrefillOffer';

type Field = ReviewMaterial['fields'][number];

/** A warning, not a refusal: the field records what the material says; the rules flag it. */
function codeWarning(field: Field, value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (field.type === 'citizenId' && !parseCitizenId(value).ok) return '身份证号码校验未通过';
  if (field.type === 'uscc' && !parseUscc(value).ok) return '统一社会信用代码校验未通过';
  if (field.type === 'phone' && !isPhoneNumber(value)) return '电话号码格式不正确';
  return undefined;
}

/** The control for a field; returned as an element so Form.Item can hand it value and onChange. */
function fieldControl(field: Field) {
  if (field.type === 'boolean') return <Switch />;
  if (field.type === 'longText') return <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />;
  if (field.type === 'number') return <InputNumber className="full-width" />;
  if (field.type === 'date') return <Input placeholder="YYYY-MM-DD" maxLength={10} />;
  if (field.type === 'address') return <AddressInput />;
  const mono = field.type === 'citizenId' || field.type === 'uscc' || field.type === 'phone';
  return <Input className={mono ? 'mono' : undefined} maxLength={200} />;
}

function FieldsForm({
  review,
  material,
  canEdit,
}: {
  review: Review;
  material: ReviewMaterial;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const client = useClient();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ values: Record<string, FieldValue> }>();
  const [formError, setFormError] = useState<string>();
  const values = Form.useWatch('values', form) as Record<string, unknown> | undefined;

  const save = useMutation({
    mutationFn: (entered: Record<string, FieldValue>) =>
      client.review.saveFields({
        caseId: review.caseId,
        materialCode: material.code,
        values: Object.fromEntries(
          material.fields.map((field) => {
            const value = entered[field.key];
            return [field.key, value === undefined || value === '' ? null : value];
          }),
        ),
      }),
    onSuccess: (next) => {
      queryClient.setQueryData(queryKeys.review(review.caseId), next);
      void message.success(t('review.fieldsSaved'));
    },
    onError: (error) => {
      setFormError(showErrorOnForm(form, error, language));
    },
  });

  if (material.fields.length === 0) {
    return <Typography.Paragraph type="secondary">{t('review.noFields')}</Typography.Paragraph>;
  }
  return (
    <Form
      form={form}
      layout="vertical"
      size="small"
      disabled={!canEdit || save.isPending}
      initialValues={{
        values: Object.fromEntries(material.fields.map((field) => [field.key, field.value])),
      }}
      onFinish={(entered) => {
        setFormError(undefined);
        save.mutate(entered.values);
      }}
      data-testid="review-fields-form"
    >
      {material.fields.map((field) => {
        const warning = codeWarning(field, values?.[field.key]);
        return (
          <Form.Item
            key={field.key}
            name={['values', field.key]}
            label={
              <span>
                {field.label}
                {field.required ? <span className="required-dot"> *</span> : null}
              </span>
            }
            valuePropName={field.type === 'boolean' ? 'checked' : 'value'}
            validateStatus={warning ? 'warning' : undefined}
            help={warning}
            data-testid="review-field"
            data-key={field.key}
          >
            {fieldControl(field)}
          </Form.Item>
        );
      })}
      {formError ? <ErrorAlert error={formError} /> : null}
      {canEdit ? (
        <Button
          type="primary"
          htmlType="submit"
          loading={save.isPending}
          data-testid="review-save-fields"
        >
          {t('review.saveFields')}
        </Button>
      ) : null}
    </Form>
  );
}

/** The fields read off one material (defaulting to the current point's) and whether it came. */
export function MaterialFieldsPanel({
  review,
  materialCode,
  canEdit,
}: {
  review: Review;
  materialCode: string | null;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<string>();
  const code = chosen ?? materialCode ?? review.materials[0]?.code;
  const material = review.materials.find((each) => each.code === code);

  const receive = useMutation({
    mutationFn: (received: boolean) =>
      client.cases.setMaterialState({
        caseId: review.caseId,
        materialCode: code ?? '',
        state: received ? 'received' : 'missing',
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.review(review.caseId) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.case(review.caseId) });
    },
  });

  if (!material) return null;
  return (
    <Card
      className="review-fields"
      title={t('review.fields')}
      size="small"
      data-testid="review-fields"
      data-code={material.code}
    >
      <Space orientation="vertical" className="full-width">
        {canEdit ? <PrefillOffer review={review} /> : null}
        <Select
          className="full-width"
          value={material.code}
          onChange={(next: string) => {
            setChosen(next);
          }}
          options={review.materials.map((each) => ({
            value: each.code,
            label: `${each.code} ${each.name}`,
          }))}
          aria-label={t('review.fields')}
          data-testid="review-material-select"
        />
        <Space>
          <Switch
            checked={material.state === 'received'}
            disabled={!canEdit}
            loading={receive.isPending}
            onChange={(checked) => {
              receive.mutate(checked);
            }}
            data-testid="review-material-received"
          />
          <Tag color={material.state === 'received' ? 'green' : 'default'}>
            {material.state === 'received' ? t('review.received') : t('review.notReceived')}
          </Tag>
        </Space>
        <Typography.Text type="secondary">{t('review.fieldsHint')}</Typography.Text>
        <FieldsForm key={material.code} review={review} material={material} canEdit={canEdit} />
      </Space>
    </Card>
  );
}
