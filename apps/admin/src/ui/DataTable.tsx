import type { ReactNode } from 'react';
import { Empty } from './states';

export interface Column<T> {
  /** The column's header, also its accessible name; `hideHeader` keeps it for screen readers only (e.g. "Actions"). */
  header: string;
  hideHeader?: boolean;
  cell: (row: T) => ReactNode;
  /** Set on each body cell of the column. */
  className?: string;
}

/** The last column of a list a person may change: its buttons, under a header only screen readers hear. */
export const actionsColumn = <T,>(cell: (row: T) => ReactNode): Column<T> => ({ header: 'Actions', hideHeader: true, cell });

interface DataTableProps<T extends { id: string }> {
  /** The table's accessible name. */
  label: string;
  columns: readonly Column<T>[];
  /** One row each, keyed by `id`. */
  rows: readonly T[];
  /** Said instead of the table when there are no rows (leave it out when a `QueryState` says it already). */
  empty?: ReactNode;
  rowClassName?: (row: T) => string | undefined;
}

/** A list page's table: column headers, one row per item, and what to say when there are none. */
export function DataTable<T extends { id: string }>({ label, columns, rows, empty, rowClassName }: DataTableProps<T>) {
  if (rows.length === 0 && empty !== undefined) return <Empty>{empty}</Empty>;
  return (
    <div className="table-scroll">
      <table className="table" aria-label={label}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col">
                {column.hideHeader ? <span className="sr-only">{column.header}</span> : column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className={rowClassName?.(row)}>
              {columns.map((column) => (
                <td key={column.header} className={column.className}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
