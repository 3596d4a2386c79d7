import { useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '@shared/api/contract';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { useDebouncedValue } from '../../ui/use-debounced-value';

interface CasePickerProps {
  value?: number;
  onChange?: (value: number | undefined) => void;
  /** Only cases of this matter (a walk links a case of the matter it walks). */
  matterCode?: string;
}

/** Finds a case by reference or applicant as the user types (a form control). */
export function CasePicker({ value, onChange, matterCode }: CasePickerProps) {
  const { t } = useTranslation();
  const client = useClient();
  const [search, setSearch] = useState('');
  const query = useDebouncedValue(search.trim(), 250);
  const input: MethodInput<'cases.list'> = {
    query,
    ...(matterCode ? { matterCode } : {}),
    sort: { field: 'createdAt', direction: 'desc' },
    limit: 20,
  };
  const cases = useQuery({
    queryKey: queryKeys.caseList(input),
    queryFn: () => client.cases.list(input),
    placeholderData: keepPreviousData,
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value}
      onChange={(next: number | undefined) => onChange?.(next)}
      loading={cases.isFetching}
      placeholder={t('walks.form.casePlaceholder')}
      options={(cases.data?.rows ?? []).map((row) => ({
        value: row.id,
        label: `${row.reference} · ${row.applicantName} · ${t(`caseStatus.${row.status}`)}`,
      }))}
      data-testid="walk-case"
    />
  );
}
