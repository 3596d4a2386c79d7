import { Select } from 'antd';
import { useTranslation } from 'react-i18next';

/** How far back the admin lists reach: the hub answers for at most 90 days. */
export const listDays = [1, 7, 30, 90] as const;
export type ListDays = (typeof listDays)[number];

/** 最近 N 天: one control for both lists of the page. */
export function DaysSelect({
  value,
  onChange,
  testId,
}: {
  value: ListDays;
  onChange: (days: ListDays) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Select<ListDays>
      value={value}
      onChange={onChange}
      options={listDays.map((count) => ({
        value: count,
        label: t('remote.requests.days', { count }),
      }))}
      aria-label={t('remote.requests.range')}
      data-testid={testId}
    />
  );
}
