import { useState, type FormEvent } from 'react';
import { fromLocalInput, toLocalInput } from '../../ui/time.js';
import { ALERT_FILTERS } from './filters.js';

/** The filter form; applying it replaces the filters in the route (and so in the API request). */
export function AlertFilters({
  query,
  onApply,
}: {
  query: Record<string, string>;
  onApply: (filters: Record<string, string>) => void;
}) {
  const [draft, setDraft] = useState<Record<string, string>>(() => ({
    ...query,
    from: query['from'] ? toLocalInput(Number(query['from'])) : '',
    to: query['to'] ? toLocalInput(Number(query['to'])) : '',
  }));
  const set = (k: string, v: string) => setDraft((d) => ({ ...d, [k]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const out: Record<string, string> = {};
    for (const f of ALERT_FILTERS) {
      const v = (draft[f.key] ?? '').trim();
      if (v !== '') out[f.key] = v;
    }
    const from = fromLocalInput(draft['from'] ?? '');
    const to = fromLocalInput(draft['to'] ?? '');
    if (from !== undefined) out['from'] = String(from);
    if (to !== undefined) out['to'] = String(to);
    // Filters the form does not show (gid from a signature link, community_id) stay while their partner does.
    if (out['sid'] !== undefined && query['gid']) out['gid'] = query['gid'];
    onApply(out);
  };

  return (
    <form className="filters card" onSubmit={submit} aria-label="Alert filters" data-testid="alert-filters">
      <div className="field">
        <label htmlFor="f-from">From</label>
        <input
          id="f-from"
          type="datetime-local"
          value={draft['from'] ?? ''}
          onChange={(e) => set('from', e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="f-to">To</label>
        <input
          id="f-to"
          type="datetime-local"
          value={draft['to'] ?? ''}
          onChange={(e) => set('to', e.target.value)}
        />
      </div>
      {ALERT_FILTERS.map((f) => (
        <div className="field" key={f.key}>
          <label htmlFor={`f-${f.key}`}>{f.label}</label>
          <input
            id={`f-${f.key}`}
            name={f.key}
            type={f.type}
            min={f.type === 'number' ? 0 : undefined}
            placeholder={f.placeholder}
            value={draft[f.key] ?? ''}
            onChange={(e) => set(f.key, e.target.value)}
          />
        </div>
      ))}
      <div className="field actions">
        <button type="submit" className="btn primary">
          Apply
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            setDraft({});
            onApply({});
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
