import type { KeyboardEvent, ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  /** The API's sort key for this column, when the server can sort by it. */
  sort?: string;
  className?: string;
}

interface Props<T> {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T, index: number) => string;
  /** Enter or click on a row. Rows are in the tab order only when they open something. */
  onOpen?: (row: T) => void;
  /** Current sort (`ts`, `-ts` …) and the handler that changes it. */
  sort?: string;
  onSort?: (sort: string) => void;
  testId?: string;
}

function nextSort(current: string | undefined, key: string): string {
  // First click sorts descending (newest, highest priority number first); a second click flips it.
  return current === `-${key}` ? key : `-${key}`;
}

/** A table whose rows open their detail with Enter or a click; arrow keys move between rows. */
export function DataTable<T>({ caption, columns, rows, rowKey, onOpen, sort, onSort, testId }: Props<T>) {
  const onKeyDown = (e: KeyboardEvent<HTMLTableRowElement>, row: T) => {
    if (e.key === 'Enter' && onOpen) {
      e.preventDefault();
      onOpen(row);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const next =
        e.key === 'ArrowDown' ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling;
      if (next instanceof HTMLElement) {
        e.preventDefault();
        next.focus();
      }
    }
  };
  return (
    <div className="table-wrap">
      <table className="data" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const active = sort === c.sort || sort === `-${c.sort}`;
              const dir = sort === `-${c.sort}` ? 'descending' : 'ascending';
              return (
                <th
                  key={c.key}
                  scope="col"
                  className={c.className}
                  aria-sort={c.sort && active ? dir : undefined}
                >
                  {c.sort && onSort ? (
                    <button type="button" className="sort" onClick={() => onSort(nextSort(sort, c.sort!))}>
                      {c.header}
                      <span aria-hidden="true">{active ? (dir === 'descending' ? ' ▼' : ' ▲') : ' ↕'}</span>
                    </button>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr
              key={rowKey(row, i)}
              tabIndex={onOpen ? 0 : undefined}
              className={onOpen ? 'openable' : undefined}
              onClick={onOpen ? () => onOpen(row) : undefined}
              onKeyDown={(e) => onKeyDown(e, row)}
            >
              {columns.map((c) => (
                <td key={c.key} className={c.className}>
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
