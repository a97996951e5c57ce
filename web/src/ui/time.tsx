/** Times show in the browser's zone; the UTC instant is in the title, shown on hover. */
const local = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

export function formatLocal(ts: number): string {
  return local.format(new Date(ts * 1000));
}

/** `2026-11-22 10:46:40.449 UTC` */
export function formatUtc(ts: number): string {
  return new Date(ts * 1000).toISOString().replace('T', ' ').replace('Z', ' UTC');
}

export function Time({ ts }: { ts: number | null | undefined }) {
  if (ts === null || ts === undefined || !Number.isFinite(ts)) return <span className="muted">—</span>;
  const iso = new Date(ts * 1000).toISOString();
  return (
    <time dateTime={iso} title={formatUtc(ts)}>
      {formatLocal(ts)}
    </time>
  );
}

/** epoch seconds → the value of an <input type="datetime-local"> in the browser's zone. */
export function toLocalInput(ts: number): string {
  const d = new Date(ts * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The inverse of toLocalInput; '' or an invalid value → undefined (no bound). */
export function fromLocalInput(v: string): number | undefined {
  if (v === '') return undefined;
  const ms = new Date(v).getTime();
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}
