import { Form, Input, Typography } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { FieldLabel } from '../../ui/FieldLabel';
import { parseUscc } from '@shared/domain/uscc';
import { phoneRules, usccRules } from './applicant-rules';
import { requiredRule } from '../../ui/form-rules';

function UsccInsight({ value }: { value: string }) {
  const { t } = useTranslation();
  const result = parseUscc(value);
  if (!value.trim() || !result.ok) return null;
  return (
    <Typography.Text type="success" data-testid="applicant-uscc-insight">
      <CheckCircleFilled />{' '}
      {t('newCase.usccValid', {
        authority: result.registrationAuthority,
        region: result.regionCode,
      })}
    </Typography.Text>
  );
}

export function EnterpriseApplicantFields() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const uscc: unknown = Form.useWatch(['applicant', 'uscc'], form);
  return (
    <>
      <Form.Item
        name={['applicant', 'name']}
        label={t('newCase.enterprise.name')}
        rules={[requiredRule(t, t('newCase.enterprise.name'))]}
      >
        <Input autoFocus maxLength={100} data-testid="applicant-name" />
      </Form.Item>
      <Form.Item
        name={['applicant', 'uscc']}
        label={t('newCase.enterprise.uscc')}
        validateTrigger={['onChange', 'onBlur']}
        rules={usccRules(t)}
        extra={<UsccInsight value={typeof uscc === 'string' ? uscc : ''} />}
      >
        <Input
          maxLength={20}
          className="mono"
          placeholder={t('newCase.enterprise.usccPlaceholder')}
          autoComplete="off"
          data-testid="applicant-uscc"
        />
      </Form.Item>
      <Form.Item
        name={['applicant', 'legalRepresentative']}
        label={t('newCase.enterprise.legalRepresentative')}
        rules={[requiredRule(t, t('newCase.enterprise.legalRepresentative'))]}
      >
        <Input maxLength={40} data-testid="applicant-legal-rep" />
      </Form.Item>
      <Form.Item
        name={['applicant', 'address']}
        label={t('newCase.enterprise.address')}
        rules={[requiredRule(t, t('newCase.enterprise.address'))]}
      >
        <Input maxLength={200} data-testid="applicant-address" />
      </Form.Item>
      <Form.Item
        name={['applicant', 'phone']}
        label={<FieldLabel text={t('newCase.enterprise.phone')} optional />}
        validateTrigger={['onChange', 'onBlur']}
        rules={phoneRules(t, false, t('newCase.enterprise.phone'))}
      >
        <Input maxLength={16} autoComplete="off" data-testid="applicant-phone" />
      </Form.Item>
    </>
  );
}
