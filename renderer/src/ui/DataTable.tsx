import type { ReactNode } from 'react';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';

interface DataTableProps<T> {
  data: T[];
  columns: ColumnDef<T>[];
  getRowId: (row: T) => string;
  empty?: ReactNode;
  testId?: string;
  rowTestId?: string;
  caption?: string;
  /** A class for a row that must stand out (overdue ones in red). */
  rowClassName?: (row: T) => string | undefined;
}

/** A small, non-virtual grid for short lists (users, import history), styled like antd's table. */
export function DataTable<T>({
  data,
  columns,
  getRowId,
  empty,
  testId,
  rowTestId,
  caption,
  rowClassName,
}: DataTableProps<T>) {
  // eslint-disable-next-line react-hooks/incompatible-library -- the table instance is used only during render
  const table = useReactTable({
    data,
    columns,
    getRowId,
    getCoreRowModel: getCoreRowModel(),
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
            <tr key={row.id} data-testid={rowTestId} className={rowClassName?.(row.original)}>
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {data.length === 0 && empty ? <div className="data-table-empty">{empty}</div> : null}
    </div>
  );
}
