import { Form, Select, Tag } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Unit } from '@shared/api/walks';
import { requiredRule } from '../../ui/form-rules';

interface UnitMatterFieldsProps {
  form: FormInstance;
  units: readonly Unit[];
  loading: boolean;
  /** Admins also pick which of the unit's leaders walks. */
  pickLeader?: boolean;
}

/** Unit, then (for admins) one of its leaders, then one of its matters, high-frequency first. */
export function UnitMatterFields({ form, units, loading, pickLeader }: UnitMatterFieldsProps) {
  const { t } = useTranslation();
  const unitId = Form.useWatch<number | undefined>('unitId', form);
  const unit = units.find((candidate) => candidate.id === unitId);
  const matters = [...(unit?.matters ?? [])].sort(
    (a, b) => Number(b.highFrequency) - Number(a.highFrequency),
  );
  return (
    <>
      <Form.Item
        name="unitId"
        label={t('walks.form.unit')}
        rules={[
          { required: true, message: t('common.fieldRequired', { field: t('walks.form.unit') }) },
        ]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={loading}
          options={units.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
          onChange={() => {
            form.setFieldsValue({ matterCode: undefined, leaderId: undefined });
          }}
          data-testid="walk-unit"
        />
      </Form.Item>
      {pickLeader ? (
        <Form.Item
          name="leaderId"
          label={t('walks.form.leader')}
          rules={[
            {
              required: true,
              message: t('common.fieldRequired', { field: t('walks.form.leader') }),
            },
          ]}
        >
          <Select
            disabled={!unit}
            options={(unit?.leaders ?? []).map((leader) => ({
              value: leader.userId,
              label: leader.title ? `${leader.displayName} · ${leader.title}` : leader.displayName,
            }))}
            data-testid="walk-leader"
          />
        </Form.Item>
      ) : null}
      <Form.Item
        name="matterCode"
        label={t('walks.form.matter')}
        rules={[requiredRule(t, t('walks.form.matter'))]}
      >
        <Select
          showSearch={{ optionFilterProp: 'title' }}
          disabled={!unit}
          placeholder={t('walks.form.matterPick')}
          options={matters.map((matter) => ({
            value: matter.matterCode,
            title: `${matter.matterName} ${matter.matterCode}`,
            label: (
              <span>
                {matter.matterName}{' '}
                {matter.highFrequency ? <Tag color="volcano">{t('walks.form.high')}</Tag> : null}
              </span>
            ),
          }))}
          data-testid="walk-matter"
        />
      </Form.Item>
    </>
  );
}
