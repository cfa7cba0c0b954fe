import type { ReactNode } from 'react';

export interface StatColumn<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

interface StatTableProps<T> {
  /** Says what the table holds; also its accessible name. */
  caption: string;
  /** Names each row (a week, a service, a tier): the row's header cell. */
  rowHeader: StatColumn<T>;
  columns: readonly StatColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
}

/** The numbers behind a chart, as a table a screen reader can walk: a caption, column and row headers. */
export function StatTable<T>({ caption, rowHeader, columns, rows, rowKey }: StatTableProps<T>) {
  return (
    <div className="table-scroll">
      <table className="table insights-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rowHeader.header}</th>
            {columns.map((column) => (
              <th key={column.header} scope="col">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              <th scope="row">{rowHeader.cell(row)}</th>
              {columns.map((column) => (
                <td key={column.header}>{column.cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
