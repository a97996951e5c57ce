import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.js';
import { useApi } from '../../api/context.js';
import { LOG_KINDS, type ListResult, type LogKind, type LogRecord } from '../../api/types.js';
import { useNavigate, useRoute } from '../../router/use-route.js';
import { DataTable } from '../../ui/data-table.js';
import { Dialog } from '../../ui/dialog.js';
import { saveBlob } from '../../ui/download.js';
import { Pager } from '../../ui/pager.js';
import { Empty, ErrorBox, Loading } from '../../ui/states.js';
import { fromLocalInput, toLocalInput } from '../../ui/time.js';
import { useAsync } from '../../ui/use-async.js';
import { parseFieldFilter } from './field-filter.js';
import { LOG_FIELDS, logColumns, recordKey } from './log-columns.js';
import { RecordFields } from './record-fields.js';

const LIMIT = 50;
const EXPORT_PAGE = 1000;
const EXPORT_MAX = 100_000;
const EXAMPLES: Record<LogKind, string> = {
  conn: 'id.orig_h=10.0.0.1 id.resp_p=443',
  dns: 'query=~example rcode_name=NXDOMAIN',
  http: 'host=api.example uri=~passwd',
  ssl: 'server_name=~example',
};

/** Search conn/dns/http/ssl logs by Zeek field, time range and node; page and export as CSV. */
export function LogsPage() {
  const { query } = useRoute();
  const nav = useNavigate();
  const kind: LogKind = (LOG_KINDS as readonly string[]).includes(query['kind'] ?? '')
    ? (query['kind'] as LogKind)
    : 'conn';
  const [text, setText] = useState(query['q'] ?? '');
  const [from, setFrom] = useState(query['from'] ? toLocalInput(Number(query['from'])) : '');
  const [to, setTo] = useState(query['to'] ? toLocalInput(Number(query['to'])) : '');
  const [node, setNode] = useState(query['node'] ?? '');
  const parsed = parseFieldFilter(text);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!parsed.ok) return;
    nav('logs', {
      kind,
      q: text.trim(),
      from: fromLocalInput(from),
      to: fromLocalInput(to),
      node: node.trim(),
      sort: query['sort'],
    });
  };

  return (
    <div className="stack">
      <div className="page-head">
        <h1>Logs</h1>
        <div className="segmented" role="tablist" aria-label="Log">
          {LOG_KINDS.map((k) => (
            <button
              key={k}
              type="button"
              role="tab"
              aria-selected={kind === k}
              onClick={() => nav('logs', { ...query, kind: k, offset: undefined, sort: undefined })}
            >
              {k}.log
            </button>
          ))}
        </div>
      </div>
      <form className="filters card" onSubmit={submit} aria-label="Log search" data-testid="log-filters">
        <div className="field grow">
          <label htmlFor="l-q">Field filters</label>
          <input
            id="l-q"
            className="mono"
            placeholder={EXAMPLES[kind]}
            value={text}
            aria-invalid={!parsed.ok}
            aria-describedby="l-q-help"
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="l-node">Node</label>
          <input id="l-node" value={node} onChange={(e) => setNode(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="l-from">From</label>
          <input id="l-from" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="l-to">To</label>
          <input id="l-to" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
        <div className="field actions">
          <button type="submit" className="btn primary" disabled={!parsed.ok}>
            Search
          </button>
        </div>
        <small id="l-q-help" className={parsed.ok ? 'hint row' : 'hint row bad'}>
          {parsed.ok
            ? `field=value (exact) or field=~text (contains); fields: ts, uid, ${LOG_FIELDS[kind].join(', ')} …`
            : parsed.error}
        </small>
      </form>
      <LogResults key={kind} kind={kind} query={query} />
    </div>
  );
}

function LogResults({ kind, query }: { kind: LogKind; query: Record<string, string> }) {
  const api = useApi();
  const nav = useNavigate();
  const [open, setOpen] = useState<LogRecord | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  const parsed = parseFieldFilter(query['q'] ?? '');
  const fields = parsed.ok ? parsed.params : {};
  const sort = query['sort'] ?? '-ts';
  const offset = Number(query['offset'] ?? 0) || 0;
  const base = { ...fields, from: query['from'], to: query['to'], node: query['node'], sort };
  const params = { ...base, limit: LIMIT, offset };
  const { data, error, loading, reload } = useAsync<ListResult<LogRecord>>(
    `${kind}/${JSON.stringify(params)}`,
    (signal) => api.get<ListResult<LogRecord>>(`/api/v1/logs/${kind}`, params, signal),
  );

  const exportCsv = async () => {
    setExporting('Exporting…');
    try {
      // The CSV comes through fetch with the token header, page by page (the API's limit is 1,000), then goes
      // to the browser as one file; later pages' header lines are dropped.
      const total = Math.min(data?.total ?? 0, EXPORT_MAX);
      const parts: BlobPart[] = [];
      let name: string | null = null;
      for (let off = 0; off === 0 || off < total; off += EXPORT_PAGE) {
        setExporting(`Exporting ${off.toLocaleString()} of ${total.toLocaleString()}…`);
        const { blob, filename } = await api.blob(`/api/v1/logs/${kind}`, {
          ...base,
          format: 'csv',
          limit: EXPORT_PAGE,
          offset: off,
        });
        name ??= filename;
        const text = await blob.text();
        parts.push(off === 0 ? text : text.slice(text.indexOf('\n') + 1));
      }
      saveBlob(new Blob(parts, { type: 'text/csv' }), name ?? `${kind}.csv`);
      setExporting(
        total < (data?.total ?? 0) ? `Exported the first ${EXPORT_MAX.toLocaleString()} records.` : null,
      );
    } catch (err) {
      setExporting(
        err instanceof ApiError || err instanceof Error ? `Export failed: ${err.message}` : 'Export failed',
      );
    }
  };

  return (
    <section className="card" aria-label={`${kind}.log results`} aria-busy={loading}>
      {error !== undefined && <ErrorBox error={error} onRetry={reload} />}
      {data === undefined && loading && <Loading what={`${kind}.log`} />}
      {data !== undefined && (
        <>
          <div className="toolbar">
            <Pager
              total={data.total}
              limit={LIMIT}
              offset={offset}
              onChange={(o) => nav('logs', { ...query, offset: o || undefined })}
            />
            <button
              type="button"
              className="btn"
              onClick={() => void exportCsv()}
              disabled={data.total === 0}
              data-testid="export-csv"
            >
              Export CSV
            </button>
            {exporting !== null && <span role="status">{exporting}</span>}
          </div>
          {data.items.length === 0 ? (
            <Empty>No {kind}.log record matches.</Empty>
          ) : (
            <DataTable
              caption={`${kind}.log records`}
              testId="logs-table"
              rows={data.items}
              rowKey={recordKey}
              columns={logColumns(kind)}
              sort={sort}
              onSort={(s) => nav('logs', { ...query, sort: s, offset: undefined })}
              onOpen={setOpen}
            />
          )}
        </>
      )}
      {open !== null && (
        <Dialog title={`${kind}.log record`} onClose={() => setOpen(null)}>
          <RecordFields record={open} />
        </Dialog>
      )}
    </section>
  );
}
