import { useState } from 'react';
import { useApi } from '../../api/context.js';
import { LOG_KINDS, type AlertDetail as Detail, type LogKind, type LogRecord } from '../../api/types.js';
import { formatHash } from '../../router/route.js';
import { DataTable } from '../../ui/data-table.js';
import { Dialog } from '../../ui/dialog.js';
import { ErrorBox, Loading } from '../../ui/states.js';
import { Time } from '../../ui/time.js';
import { useAsync } from '../../ui/use-async.js';
import { Value } from '../../ui/value.js';
import { logColumns, recordKey } from '../logs/log-columns.js';
import { RecordFields } from '../logs/record-fields.js';
import { endpoint, Priority } from './alert-columns.js';

/** Half an hour either side of the alert: enough context on the node's charts to see what changed. */
const METRICS_CONTEXT_S = 1800;

/** One alert: the rule, the 5-tuple, the flow's conn/http/dns/ssl records and the node at that moment. */
export function AlertDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const api = useApi();
  const { data, error, loading, reload } = useAsync<Detail>(id, (signal) =>
    api.get<Detail>(`/api/v1/alerts/${encodeURIComponent(id)}`, {}, signal),
  );
  return (
    <Dialog title={data ? data.msg : `Alert ${id}`} onClose={onClose}>
      {loading && data === undefined && <Loading what="alert" />}
      {error !== undefined && <ErrorBox error={error} onRetry={reload} />}
      {data !== undefined && <DetailBody a={data} />}
    </Dialog>
  );
}

function DetailBody({ a }: { a: Detail }) {
  const [record, setRecord] = useState<LogRecord | null>(null);
  const related = LOG_KINDS.filter((k) => (a.related?.[k]?.length ?? 0) > 0);
  return (
    <div className="stack" data-testid="alert-detail">
      <dl className="fields summary">
        <div>
          <dt>Time</dt>
          <dd>
            <Time ts={a.ts} />
          </dd>
        </div>
        <div>
          <dt>Rule</dt>
          <dd className="mono">
            {a.gid}:{a.sid}:{a.rev}
          </dd>
        </div>
        <div>
          <dt>Priority</dt>
          <dd>
            <Priority p={a.priority} />
          </dd>
        </div>
        <div>
          <dt>Class</dt>
          <dd>
            <Value v={a.class ?? a.classtype} />
          </dd>
        </div>
        <div>
          <dt>Node</dt>
          <dd>
            <a
              href={formatHash('nodes', {
                node: a.node,
                from: Math.floor(a.ts - METRICS_CONTEXT_S),
                to: Math.ceil(a.ts + METRICS_CONTEXT_S),
                at: a.ts,
              })}
              data-testid="node-metrics-link"
            >
              {a.node} — metrics at this time
            </a>
          </dd>
        </div>
        <div>
          <dt>Community ID</dt>
          <dd className="mono">
            <Value v={a.community_id} />
          </dd>
        </div>
      </dl>

      <section>
        <h3>Flow</h3>
        <table className="data compact" data-testid="five-tuple">
          <thead>
            <tr>
              <th scope="col">Protocol</th>
              <th scope="col">Source</th>
              <th scope="col">Destination</th>
              <th scope="col">Direction</th>
              <th scope="col">Service</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>{a.proto ?? ''}</td>
              <td className="mono">{endpoint(a.src_addr, a.src_port, a.src_pod, a.src_ns)}</td>
              <td className="mono">{endpoint(a.dst_addr, a.dst_port, a.dst_pod, a.dst_ns)}</td>
              <td>{a.dir ?? ''}</td>
              <td>{a.service ?? ''}</td>
            </tr>
          </tbody>
        </table>
      </section>

      <section>
        <h3>Rule text</h3>
        {a.rule_text === null || a.rule_text === undefined ? (
          <p className="muted">The server holds no text for this rule.</p>
        ) : (
          <pre className="rule" data-testid="rule-text">
            {a.rule_text}
          </pre>
        )}
      </section>

      <section>
        <h3>Related records (same Community ID)</h3>
        {related.length === 0 && (
          <p className="muted">No conn, http, dns or ssl record shares this flow's Community ID.</p>
        )}
        {related.map((k: LogKind) => (
          <div key={k} data-testid={`related-${k}`}>
            <h4>{k}.log</h4>
            <DataTable
              caption={`${k}.log records of this flow`}
              rows={a.related?.[k] ?? []}
              rowKey={recordKey}
              onOpen={setRecord}
              columns={logColumns(k)}
            />
          </div>
        ))}
        {record !== null && (
          <div className="card inset">
            <h4>Record</h4>
            <RecordFields record={record} />
          </div>
        )}
      </section>
    </div>
  );
}
