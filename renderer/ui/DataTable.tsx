import type { ReactNode } from 'react';

interface Props {
  /** Column headings, already translated, in the order of the cells in each row. */
  columns: readonly string[];
  /** The rows (`<tr>`), each with one cell per column. */
  children: ReactNode;
  /** The look: `data-table` unless a panel has its own. */
  className?: string;
  testId?: string;
}

/** A table of records: one header row of column names over the rows the caller draws. */
export function DataTable({ columns, children, className = 'data-table', testId }: Props) {
  return (
    <table className={className} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((column, index) => (
            <th key={index}>{column}</th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
