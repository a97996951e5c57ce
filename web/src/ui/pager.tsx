/** Server-side paging: "1–50 of 1,234" with previous/next. */
export function Pager({
  total,
  limit,
  offset,
  onChange,
}: {
  total: number;
  limit: number;
  offset: number;
  onChange: (offset: number) => void;
}) {
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(total, offset + limit);
  return (
    <nav className="pager" aria-label="Pages">
      <span data-testid="pager-range">
        {first.toLocaleString()}–{last.toLocaleString()} of{' '}
        <strong data-testid="total">{total.toLocaleString()}</strong>
      </span>
      <button
        type="button"
        className="btn small"
        disabled={offset === 0}
        onClick={() => onChange(Math.max(0, offset - limit))}
      >
        ← Previous
      </button>
      <button
        type="button"
        className="btn small"
        disabled={last >= total}
        onClick={() => onChange(offset + limit)}
      >
        Next →
      </button>
    </nav>
  );
}
