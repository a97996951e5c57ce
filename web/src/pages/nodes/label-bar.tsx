import { useState } from 'react';
import { useApi } from '../../api/context.js';
import type { BrushRange } from '../../charts/chart.js';
import { ErrorBox } from '../../ui/states.js';
import { formatLocal, fromLocalInput, toLocalInput } from '../../ui/time.js';

/**
 * Labels a time range of a node's samples attack or normal (POST /api/v1/labels). The range comes from
 * a brush on any chart, or from the two inputs for keyboard users.
 */
export function LabelBar({
  node,
  range,
  onRange,
  onLabelled,
}: {
  node: string;
  range: BrushRange | null;
  onRange: (r: BrushRange | null) => void;
  onLabelled: () => void;
}) {
  const api = useApi();
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const label = async (attack: 0 | 1) => {
    if (range === null) return;
    setBusy(true);
    setError(undefined);
    try {
      // `to` is exclusive on the server; the brush's end is the last instant wanted, so include it.
      const to = Math.floor(range.to) + 1;
      const r = await api.post<{ updated: number }>('/api/v1/labels', {
        node,
        from: Math.floor(range.from),
        to,
        attack,
      });
      setStatus(
        `${r.updated} sample${r.updated === 1 ? '' : 's'} labelled ${attack === 1 ? 'attack' : 'normal'}.`,
      );
      onLabelled();
    } catch (err) {
      setError(err);
      setStatus(null);
    } finally {
      setBusy(false);
    }
  };

  const setBound = (which: 'from' | 'to', v: string) => {
    const ts = fromLocalInput(v);
    if (ts === undefined) return;
    const r = range ?? { from: ts, to: ts };
    onRange({ ...r, [which]: ts });
  };

  return (
    <div className="label-bar card" data-testid="label-bar">
      <strong>Label a range</strong>
      <span className="muted">Drag across any chart, or set the bounds:</span>
      <label>
        from{' '}
        <input
          type="datetime-local"
          value={range ? toLocalInput(range.from) : ''}
          onChange={(e) => setBound('from', e.target.value)}
        />
      </label>
      <label>
        to{' '}
        <input
          type="datetime-local"
          value={range ? toLocalInput(range.to) : ''}
          onChange={(e) => setBound('to', e.target.value)}
        />
      </label>
      {range !== null && (
        <span className="mono small" data-testid="selected-range">
          {formatLocal(range.from)} – {formatLocal(range.to)}
        </span>
      )}
      <button
        type="button"
        className="btn danger"
        disabled={range === null || busy}
        onClick={() => void label(1)}
      >
        Label attack
      </button>
      <button type="button" className="btn" disabled={range === null || busy} onClick={() => void label(0)}>
        Label normal
      </button>
      {status !== null && (
        <span role="status" data-testid="label-status">
          {status}
        </span>
      )}
      {error !== undefined && <ErrorBox error={error} />}
    </div>
  );
}
