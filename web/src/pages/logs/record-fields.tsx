import type { LogRecord } from '../../api/types.js';
import { formatUtc } from '../../ui/time.js';
import { Value } from '../../ui/value.js';

/** Every field of one record, as a definition list (text only). */
export function RecordFields({ record }: { record: LogRecord }) {
  return (
    <dl className="fields" data-testid="record-fields">
      {Object.entries(record).map(([k, v]) => (
        <div key={k}>
          <dt className="mono">{k}</dt>
          <dd className="mono break">
            {k === 'ts' && typeof v === 'number' ? `${v} (${formatUtc(v)})` : <Value v={v} />}
          </dd>
        </div>
      ))}
    </dl>
  );
}
