import { useEffect, useRef, useState } from 'react';
import { Button, Input, Select, Spin, Tooltip, Typography } from 'antd';
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { caseSortFields, caseStatuses, type CaseRow, type CaseStatus } from '@shared/api/cases';
import { useClient, useSessionState } from '../../app/engine-context';
import { canWriteCases } from '../../app/permissions';
import { queryKeys } from '../../app/query-keys';
import { EmptyState } from '../../ui/EmptyState';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useDebouncedValue } from '../../ui/use-debounced-value';
import { CaseTable, type CaseSort, type CaseSortField } from './CaseTable';

const defaultSort: CaseSort = { field: 'createdAt', direction: 'desc' };

function parseStatus(value: string | null): CaseStatus | undefined {
  return caseStatuses.find((status) => status === value);
}

function parseSort(value: string | null): CaseSort {
  const [field, direction] = (value ?? '').split(':');
  const knownField = caseSortFields.find(
    (candidate): candidate is CaseSortField => candidate === field,
  );
  if (!knownField || (direction !== 'asc' && direction !== 'desc')) return defaultSort;
  return { field: knownField, direction };
}

/** All cases, searchable and sortable; the search, filter and sort live in the address. */
export function CaseListScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const navigate = useNavigate();
  const session = useSessionState();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(() => params.get('q') ?? '');
  const query = useDebouncedValue(search.trim(), 250);
  const status = parseStatus(params.get('status'));
  const sort = parseSort(params.get('sort'));
  const bodyRef = useRef<HTMLDivElement>(null);

  const updateParams = (changes: Record<string, string | undefined>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  };
  const updateParamsRef = useRef(updateParams);
  useEffect(() => {
    updateParamsRef.current = updateParams;
  });

  const urlQuery = params.get('q') ?? '';
  const urlQueryRef = useRef(urlQuery);
  useEffect(() => {
    urlQueryRef.current = urlQuery;
  });

  // Mirror the settled search into the address (so "back" restores it); never on mount.
  useEffect(() => {
    if (query !== urlQueryRef.current) updateParamsRef.current({ q: query || undefined });
  }, [query]);

  const input = { query, status, sort };
  const list = useQuery({
    queryKey: queryKeys.caseList(input),
    queryFn: () => client.cases.list(input),
    placeholderData: keepPreviousData,
  });

  const open = (row: CaseRow) => {
    void navigate(`/cases/${row.id}`);
  };
  const filtered = query !== '' || status !== undefined;
  const mayCreate = session.status === 'signedIn' && canWriteCases(session.session.user.role);
  const total = list.data?.total ?? 0;

  return (
    <div className="page page-fill">
      <div className="page-toolbar">
        <Typography.Title level={4} className="page-title">
          {t('caseList.title')}
        </Typography.Title>
        <Tooltip title={t('caseList.searchTooltip')} placement="bottom">
          <Input
            className="case-search"
            allowClear
            autoFocus
            prefix={<SearchOutlined />}
            placeholder={t('caseList.search')}
            value={search}
            maxLength={60}
            onChange={(event) => {
              setSearch(event.target.value);
            }}
            onKeyDown={(event) => {
              if (event.key === 'ArrowDown' || event.key === 'Enter') {
                event.preventDefault();
                bodyRef.current?.focus();
              }
            }}
            data-testid="case-search"
            data-shortcut-search=""
          />
        </Tooltip>
        <Select<CaseStatus | 'all'>
          className="case-status-filter"
          value={status ?? 'all'}
          onChange={(value) => {
            updateParams({ status: value === 'all' ? undefined : value });
          }}
          options={[
            { value: 'all', label: t('caseList.allStatuses') },
            ...caseStatuses.map((value) => ({ value, label: t(`caseStatus.${value}`) })),
          ]}
          data-testid="case-status-filter"
        />
        <span className="page-toolbar-spacer" />
        {list.isFetching ? <Spin size="small" /> : null}
        <Typography.Text type="secondary" data-testid="case-list-total" data-total={total}>
          {t('caseList.total', { count: total })}
        </Typography.Text>
        <Typography.Text type="secondary" className="keyboard-hint">
          {t('caseList.keyboardHint')}
        </Typography.Text>
      </div>
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      {list.isPending ? (
        <div className="page-center">
          <Spin size="large" />
        </div>
      ) : list.data && list.data.rows.length > 0 ? (
        <CaseTable
          rows={list.data.rows}
          sort={sort}
          onSortChange={(next) => {
            updateParams({
              sort:
                next.field === defaultSort.field && next.direction === defaultSort.direction
                  ? undefined
                  : `${next.field}:${next.direction}`,
            });
          }}
          onOpen={open}
          bodyRef={bodyRef}
        />
      ) : list.data ? (
        <div className="page-center" data-testid="case-list">
          {filtered ? (
            <EmptyState title={t('caseList.noMatch')} hint={t('caseList.noMatchHint')} />
          ) : (
            <EmptyState
              title={t('caseList.empty')}
              hint={mayCreate ? t('caseList.emptyHint') : undefined}
              action={
                mayCreate ? (
                  <Button
                    type="primary"
                    icon={<PlusOutlined />}
                    onClick={() => void navigate('/cases/new')}
                  >
                    {t('nav.newCase')}
                  </Button>
                ) : undefined
              }
            />
          )}
        </div>
      ) : null}
    </div>
  );
}
