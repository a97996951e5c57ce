import { lazy, Suspense, useState } from 'react';
import { ApiError } from '../../api/client.js';
import { useApi } from '../../api/context.js';
import type { AuditRun, Finding } from '../../api/types.js';
import { DataTable } from '../../ui/data-table.js';
import { Dialog } from '../../ui/dialog.js';
import { Empty, ErrorBox, Loading } from '../../ui/states.js';
import { Time } from '../../ui/time.js';
import { useAsync } from '../../ui/use-async.js';
import { normalizeFinding } from './finding.js';
import { severityRank, SEVERITIES } from './severity.js';

const ReachGraph = lazy(() => import('./reach-graph.js').then((m) => ({ default: m.ReachGraph })));

function objectName(f: Finding): string {
  return `${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name}`;
}

/** The last audit run the server holds: its findings and its reachability graph. */
export function AuditPage() {
  const api = useApi();
  const [severity, setSeverity] = useState('');
  const [open, setOpen] = useState<Finding | null>(null);
  const { data, error, loading, reload } = useAsync<AuditRun | null>('latest', async (signal) => {
    try {
      const run = await api.get<AuditRun>('/api/v1/audit/latest', {}, signal);
      return { ...run, findings: (run.findings as unknown[]).map(normalizeFinding) };
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null; // no run uploaded yet
      throw err;
    }
  });

  const findings = (data?.findings ?? [])
    .filter((f) => severity === '' || f.severity === severity)
    .sort(
      (a, b) =>
        severityRank(a.severity) - severityRank(b.severity) || objectName(a).localeCompare(objectName(b)),
    );

  return (
    <div className="stack">
      <div className="page-head">
        <h1>Audit</h1>
        {data && (
          <span className="muted small">
            Run {data.run_id} · <Time ts={data.created_ts} /> · {data.source}
          </span>
        )}
      </div>
      {error !== undefined && <ErrorBox error={error} onRetry={reload} />}
      {data === undefined && loading && <Loading what="the latest audit" />}
      {data === null && (
        <Empty>
          No audit run yet. Upload one with <code>vigil audit -f MANIFESTS --server URL</code>.
        </Empty>
      )}
      {data && (
        <>
          <section className="card" aria-labelledby="h-findings">
            <div className="toolbar">
              <h2 id="h-findings">
                Findings <span className="muted small">({data.findings.length})</span>
              </h2>
              <label className="inline">
                Severity{' '}
                <select value={severity} onChange={(e) => setSeverity(e.target.value)}>
                  <option value="">all</option>
                  {SEVERITIES.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {findings.length === 0 ? (
              <Empty>No finding{severity ? ` of severity ${severity}` : ''}.</Empty>
            ) : (
              <DataTable
                caption="Audit findings"
                testId="findings-table"
                rows={findings}
                rowKey={(f, i) => `${f.id}/${objectName(f)}/${f.path}/${i}`}
                onOpen={setOpen}
                columns={[
                  {
                    key: 'sev',
                    header: 'Severity',
                    render: (f) => <span className={`badge sev-${f.severity}`}>{f.severity}</span>,
                  },
                  { key: 'check', header: 'Check', render: (f) => f.id, className: 'mono' },
                  { key: 'object', header: 'Object', render: objectName },
                  { key: 'path', header: 'Field path', render: (f) => f.path, className: 'mono break' },
                  {
                    key: 'remediation',
                    header: 'Remediation',
                    render: (f) => f.remediation ?? '',
                    className: 'wide',
                  },
                ]}
              />
            )}
          </section>
          <section className="card" aria-labelledby="h-graph">
            <h2 id="h-graph">Reachability</h2>
            {data.reach === null || data.reach.nodes.length + data.reach.edges.length === 0 ? (
              <Empty>This run carries no reachability graph.</Empty>
            ) : (
              <Suspense fallback={<Loading what="graph" />}>
                <ReachGraph graph={data.reach} />
              </Suspense>
            )}
          </section>
        </>
      )}
      {open !== null && (
        <Dialog title={`${open.id}: ${objectName(open)}`} onClose={() => setOpen(null)}>
          <dl className="fields">
            <div>
              <dt>Severity</dt>
              <dd>{open.severity}</dd>
            </div>
            <div>
              <dt>Topic</dt>
              <dd>{open.topic ?? ''}</dd>
            </div>
            <div>
              <dt>Field path</dt>
              <dd className="mono break">{open.path}</dd>
            </div>
            <div>
              <dt>Message</dt>
              <dd>{open.message}</dd>
            </div>
            <div>
              <dt>Remediation</dt>
              <dd>{open.remediation ?? ''}</dd>
            </div>
          </dl>
        </Dialog>
      )}
    </div>
  );
}
