import { useState, type KeyboardEvent } from 'react';
import { Input, Spin, Tag, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { MatterSummary } from '@shared/api/matters';
import { useClient } from '../../app/engine-context';
import { queryKeys } from '../../app/query-keys';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useDebouncedValue } from '../../ui/use-debounced-value';

interface MatterPickerProps {
  onPick: (matter: MatterSummary) => void;
}

/** Finds a matter by name, code, alias or pinyin initials; ↑/↓ and Enter pick one. */
export function MatterPicker({ onPick }: MatterPickerProps) {
  const { t } = useTranslation();
  const client = useClient();
  const [search, setSearch] = useState('');
  const query = useDebouncedValue(search.trim(), 200);
  const [active, setActive] = useState(0);
  const input = { query, limit: 50 };
  const results = useQuery({
    queryKey: queryKeys.matterSearch(input),
    queryFn: () => client.matters.search(input),
    placeholderData: keepPreviousData,
  });
  const matters = results.data ?? [];
  const activeIndex = matters.length === 0 ? -1 : Math.min(active, matters.length - 1);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const next = Math.max(0, Math.min(matters.length - 1, activeIndex + step));
      setActive(next);
      document.getElementById(`matter-option-${next}`)?.scrollIntoView({ block: 'nearest' });
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const matter = matters[activeIndex];
      if (matter) onPick(matter);
    }
  };

  return (
    <div className="matter-picker">
      <Input
        size="large"
        autoFocus
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('newCase.matterSearch')}
        value={search}
        maxLength={60}
        onChange={(event) => {
          setSearch(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-expanded
        aria-controls="matter-options"
        aria-activedescendant={activeIndex >= 0 ? `matter-option-${activeIndex}` : undefined}
        data-testid="matter-search"
        data-shortcut-search=""
      />
      <div className="matter-picker-meta">
        <Typography.Text type="secondary">{t('newCase.matterSearchHint')}</Typography.Text>
        {results.isFetching ? <Spin size="small" /> : null}
      </div>
      {results.isError ? <ErrorAlert error={results.error} /> : null}
      {results.data && matters.length === 0 ? (
        <EmptyState title={t('newCase.matterEmpty')} hint={t('newCase.matterEmptyHint')} />
      ) : null}
      <ul className="matter-options" id="matter-options" role="listbox">
        {matters.map((matter, index) => (
          <li
            key={matter.id}
            id={`matter-option-${index}`}
            role="option"
            aria-selected={index === activeIndex}
            className={`matter-option${index === activeIndex ? ' matter-option-active' : ''}`}
            data-testid="matter-option"
            data-code={matter.code}
            onMouseEnter={() => {
              setActive(index);
            }}
            onClick={() => {
              onPick(matter);
            }}
          >
            <MatterSummaryLine matter={matter} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Name, code, department, frequency and promised time of one matter. */
export function MatterSummaryLine({ matter }: { matter: MatterSummary }) {
  const { t } = useTranslation();
  return (
    <div className="matter-line">
      <div className="matter-line-title">
        <Typography.Text strong>{matter.name}</Typography.Text>
        {matter.highFrequency ? <Tag color="volcano">{t('newCase.highFrequency')}</Tag> : null}
        {matter.subjectKind === 'both' ? null : (
          <Tag>{t(`applicantKind.${matter.subjectKind}`)}</Tag>
        )}
      </div>
      <div className="matter-line-meta">
        <span className="mono">{matter.code}</span>
        <span>{matter.department}</span>
        <span>
          {matter.promisedDays === 0
            ? t('newCase.promisedNow')
            : t('newCase.promised', { count: matter.promisedDays })}
        </span>
        <span>{t('newCase.materialsCount', { count: matter.materialCount })}</span>
      </div>
    </div>
  );
}
