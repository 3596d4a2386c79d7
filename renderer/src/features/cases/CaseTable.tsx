import { useMemo, useState, type KeyboardEvent, type RefObject } from 'react';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CaseRow, caseSortFields } from '@shared/api/cases';
import { formatDateTime } from '../../ui/format';
import { CaseStatusPill } from './CaseStatusPill';
import { MaterialsBar } from './MaterialsBar';

export type CaseSortField = (typeof caseSortFields)[number];
export interface CaseSort {
  field: CaseSortField;
  direction: 'asc' | 'desc';
}

const rowHeight = 44;
const headerHeight = 42;
const sortable = new Set<string>([
  'reference',
  'matterName',
  'applicantName',
  'status',
  'createdAt',
]);

function isSortField(id: string): id is CaseSortField {
  return sortable.has(id);
}

function caseColumns(t: TFunction): ColumnDef<CaseRow>[] {
  return [
    {
      id: 'reference',
      header: t('caseList.columns.reference'),
      cell: ({ row }) => <span className="mono">{row.original.reference}</span>,
    },
    {
      id: 'matterName',
      header: t('caseList.columns.matter'),
      cell: ({ row }) => (
        <span className="cell-ellipsis" title={row.original.matterName}>
          {row.original.matterName}
        </span>
      ),
    },
    {
      id: 'applicantName',
      header: t('caseList.columns.applicant'),
      cell: ({ row }) => (
        <span className="cell-ellipsis" title={row.original.applicantName}>
          {row.original.applicantName}
        </span>
      ),
    },
    {
      id: 'applicantIdMasked',
      header: t('caseList.columns.idNumber'),
      cell: ({ row }) => <span className="mono">{row.original.applicantIdMasked}</span>,
    },
    {
      id: 'status',
      header: t('caseList.columns.status'),
      cell: ({ row }) => <CaseStatusPill status={row.original.status} />,
    },
    {
      id: 'materials',
      header: t('caseList.columns.materials'),
      cell: ({ row }) => (
        <MaterialsBar
          received={row.original.materialsReceived}
          total={row.original.materialsTotal}
        />
      ),
    },
    {
      id: 'createdBy',
      header: t('caseList.columns.createdBy'),
      cell: ({ row }) => <span className="cell-ellipsis">{row.original.createdBy}</span>,
    },
    {
      id: 'createdAt',
      header: t('caseList.columns.createdAt'),
      cell: ({ row }) => (
        <span className="cell-time">{formatDateTime(row.original.createdAt)}</span>
      ),
    },
  ];
}

interface CaseTableProps {
  rows: CaseRow[];
  sort: CaseSort;
  onSortChange: (sort: CaseSort) => void;
  onOpen: (row: CaseRow) => void;
  /** Set when the list is the one the keyboard should land on. */
  bodyRef: RefObject<HTMLDivElement | null>;
}

/**
 * The case grid: every row the engine returned, virtualised so ten thousand scroll smoothly.
 * ↑/↓ (and PgUp/PgDn, Home/End) move the highlight, Enter or a double-click opens the case.
 */
export function CaseTable({ rows, sort, onSortChange, onOpen, bodyRef }: CaseTableProps) {
  const { t } = useTranslation();
  const columns = useMemo(() => caseColumns(t), [t]);
  const sorting: SortingState = [{ id: sort.field, desc: sort.direction === 'desc' }];
  const [active, setActive] = useState(0);
  const activeIndex = rows.length === 0 ? -1 : Math.min(active, rows.length - 1);

  // eslint-disable-next-line react-hooks/incompatible-library -- instances are used during render only
  const table = useReactTable({
    data: rows,
    columns,
    getRowId: (row) => String(row.id),
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    state: { sorting },
  });
  const tableRows = table.getRowModel().rows;

  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => bodyRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    scrollMargin: headerHeight,
  });

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Keys on the header's sort buttons are theirs.
    if (rows.length === 0 || event.target !== event.currentTarget) return;
    const page = Math.max(1, Math.floor((bodyRef.current?.clientHeight ?? 400) / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + page,
      PageUp: activeIndex - page,
      Home: 0,
      End: rows.length - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
      return;
    }
    const row = rows[activeIndex];
    if (event.key === 'Enter' && row) {
      event.preventDefault();
      onOpen(row);
    }
  };

  const toggleSort = (id: string) => {
    if (!isSortField(id)) return;
    const flipped = sort.direction === 'asc' ? 'desc' : 'asc';
    onSortChange({ field: id, direction: sort.field === id ? flipped : 'asc' });
  };

  const activeRow = rows[activeIndex];
  return (
    <div
      ref={bodyRef}
      className="case-table"
      role="grid"
      aria-rowcount={rows.length + 1}
      aria-activedescendant={activeRow ? `case-row-${activeRow.id}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="case-list"
    >
      {table.getHeaderGroups().map((group) => (
        <div key={group.id} className="case-grid case-table-header" role="row">
          {group.headers.map((header) => {
            const id = header.column.id;
            const sorted = sort.field === id ? sort.direction : undefined;
            const label = flexRender(header.column.columnDef.header, header.getContext());
            return (
              <div
                key={header.id}
                role="columnheader"
                className="case-table-cell"
                aria-sort={
                  sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                }
              >
                {isSortField(id) ? (
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() => {
                      toggleSort(id);
                    }}
                    data-testid={`case-sort-${id}`}
                  >
                    {label}
                    {sorted === 'asc' ? <ArrowUpOutlined /> : null}
                    {sorted === 'desc' ? <ArrowDownOutlined /> : null}
                  </button>
                ) : (
                  label
                )}
              </div>
            );
          })}
        </div>
      ))}
      <div className="case-table-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = tableRows[item.index];
          if (!row) return null;
          const selected = item.index === activeIndex;
          return (
            <div
              key={row.id}
              id={`case-row-${row.original.id}`}
              role="row"
              aria-selected={selected}
              className={`case-grid case-table-row${selected ? ' case-table-row-active' : ''}${
                item.index % 2 === 1 ? ' case-table-row-odd' : ''
              }`}
              style={{ transform: `translateY(${item.start - headerHeight}px)`, height: rowHeight }}
              data-testid="case-row"
              data-reference={row.original.reference}
              onClick={() => {
                setActive(item.index);
              }}
              onDoubleClick={() => {
                onOpen(row.original);
              }}
            >
              {row.getVisibleCells().map((cell) => (
                <div key={cell.id} role="gridcell" className="case-table-cell">
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
