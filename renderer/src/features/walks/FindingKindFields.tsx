import { Form, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { findingCategories, findingSeverities } from '@shared/api/walks';

/**
 * A finding's category (required) and severity as big choice buttons: the same two fields when
 * a leader records a finding on a walk and when one takes over an unresolved-matter report.
 */
export function FindingKindFields({ testIdPrefix }: { testIdPrefix: 'finding' | 'takeover' }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="category"
        label={t('finding.category')}
        rules={[
          {
            required: true,
            message: t('common.fieldRequired', { field: t('finding.category') }),
          },
        ]}
      >
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          size="large"
          className="choice-grid"
          options={findingCategories.map((category) => ({
            value: category,
            label: t(`walkLabels.category.${category}`),
          }))}
          data-testid={`${testIdPrefix}-category`}
        />
      </Form.Item>
      <Form.Item name="severity" label={t('finding.severity')}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          size="large"
          options={findingSeverities.map((severity) => ({
            value: severity,
            label: t(`walkLabels.severity.${severity}`),
          }))}
          data-testid={`${testIdPrefix}-severity`}
        />
      </Form.Item>
    </>
  );
}
