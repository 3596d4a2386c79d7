import { Form, Input, Typography } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { FieldLabel } from '../../ui/FieldLabel';
import { parseCitizenId } from '@shared/domain/citizen-id';
import { citizenIdRules, phoneRules } from './applicant-rules';
import { requiredRule } from '../../ui/form-rules';

/** What the ID number says about its holder, once it checks out. */
function CitizenIdInsight({ value }: { value: string }) {
  const { t } = useTranslation();
  const result = parseCitizenId(value);
  if (!value.trim() || !result.ok) return null;
  return (
    <Typography.Text type="success" data-testid="applicant-id-insight">
      <CheckCircleFilled />{' '}
      {t('newCase.idValid', { birthDate: result.birthDate, sex: t(`sex.${result.sex}`) })}
      {result.convertedFrom15 ? ` ${t('newCase.idConverted', { value: result.value })}` : ''}
    </Typography.Text>
  );
}

export function PersonApplicantFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const idNumber: unknown = Form.useWatch(['applicant', 'idNumber'], form);
  return (
    <>
      <Form.Item
        name={['applicant', 'name']}
        label={t('newCase.person.name')}
        rules={[requiredRule(t, t('newCase.person.name'))]}
      >
        <Input autoFocus maxLength={40} data-testid="applicant-name" />
      </Form.Item>
      <Form.Item
        name={['applicant', 'idNumber']}
        label={t('newCase.person.idNumber')}
        validateTrigger={['onChange', 'onBlur']}
        rules={citizenIdRules(t)}
        extra={<CitizenIdInsight value={typeof idNumber === 'string' ? idNumber : ''} />}
      >
        <Input
          maxLength={20}
          className="mono"
          placeholder={t('newCase.person.idNumberPlaceholder')}
          autoComplete="off"
          data-testid="applicant-id-number"
        />
      </Form.Item>
      <Form.Item
        name={['applicant', 'phone']}
        label={t('newCase.person.phone')}
        validateTrigger={['onChange', 'onBlur']}
        rules={phoneRules(t, true, t('newCase.person.phone'))}
      >
        <Input
          maxLength={16}
          placeholder={t('newCase.person.phonePlaceholder')}
          autoComplete="off"
          data-testid="applicant-phone"
        />
      </Form.Item>
      <Form.Item
        name={['applicant', 'address']}
        label={<FieldLabel text={t('newCase.person.address')} optional />}
      >
        <Input maxLength={200} data-testid="applicant-address" />
      </Form.Item>
    </>
  );
}
