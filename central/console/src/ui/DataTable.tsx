import { Fragment, type ReactNode } from 'react';
import { Button } from 'antd';
import { DownOutlined, RightOutlined } from '@ant-design/icons';
import {
  flexRender,
  getCoreRowModel,
  getExpandedRowModel,
  useReactTable,
  type ColumnDef,
} from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';

interface DataTableProps<T> {
  data: T[];
  columns: ColumnDef<T>[];
  /** A stable key for a row; the index is there for lists without one. */
  getRowId: (row: T, index: number) => string;
  empty?: ReactNode;
  testId?: string;
  rowTestId?: string;
  caption?: string;
  /** What a row opens to, under it (a thread, a detail): the table gets a first column to open it. */
  renderDetail?: (row: T) => ReactNode;
}

/** A small, non-virtual grid for the hub's short lists, styled like antd's table. */
export function DataTable<T>({
  data,
  columns,
  getRowId,
  empty,
  testId,
  rowTestId,
  caption,
  renderDetail,
}: DataTableProps<T>) {
  const { t } = useTranslation();
  const expander: ColumnDef<T> = {
    id: 'expand',
    header: () => <span className="visually-hidden">{t('common.expand')}</span>,
    cell: ({ row }) => {
      const open = row.getIsExpanded();
      return (
        <Button
          type="text"
          size="small"
          icon={open ? <DownOutlined /> : <RightOutlined />}
          aria-expanded={open}
          aria-label={open ? t('common.collapse') : t('common.expand')}
          onClick={row.getToggleExpandedHandler()}
          data-testid="row-expand"
        />
      );
    },
  };
  // eslint-disable-next-line react-hooks/incompatible-library -- the table instance is used only during render
  const table = useReactTable({
    data,
    columns: renderDetail ? [expander, ...columns] : columns,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
    getExpandedRowModel: getExpandedRowModel(),
    getRowCanExpand: () => renderDetail !== undefined,
    // A list that refreshes on its own keeps what the reader opened.
    autoResetExpanded: false,
  });
  return (
    <div className="data-table" data-testid={testId}>
      <table>
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col">
                  {header.isPlaceholder
                    ? null
                    : flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <Fragment key={row.id}>
              <tr data-testid={rowTestId} className={row.getIsExpanded() ? 'is-expanded' : ''}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                ))}
              </tr>
              {renderDetail && row.getIsExpanded() ? (
                <tr
                  className="data-table-detail"
                  data-testid={rowTestId ? `${rowTestId}-detail` : undefined}
                >
                  <td colSpan={row.getVisibleCells().length}>{renderDetail(row.original)}</td>
                </tr>
              ) : null}
            </Fragment>
          ))}
        </tbody>
      </table>
      {data.length === 0 && empty ? <div className="data-table-empty">{empty}</div> : null}
    </div>
  );
}
