import type { ReactNode } from 'react';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';

interface DataTableProps<T> {
  data: T[];
  columns: ColumnDef<T>[];
  /** A stable key for a row; the index is there for lists without one. */
  getRowId: (row: T, index: number) => string;
  empty?: ReactNode;
  testId?: string;
  rowTestId?: string;
  caption?: string;
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
}: DataTableProps<T>) {
  // eslint-disable-next-line react-hooks/incompatible-library -- the table instance is used only during render
  const table = useReactTable({ data, columns, getRowId, getCoreRowModel: getCoreRowModel() });
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
            <tr key={row.id} data-testid={rowTestId}>
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
