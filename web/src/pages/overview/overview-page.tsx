import { useState } from 'react';
import { useApi, useLive } from '../../api/context.js';
import type { Alert, ListResult, Overview } from '../../api/types.js';
import { useNavigate } from '../../router/use-route.js';
import { DataTable } from '../../ui/data-table.js';
import { Empty, ErrorBox, Loading } from '../../ui/states.js';
import { formatLocal } from '../../ui/time.js';
import { useAsync } from '../../ui/use-async.js';
import { ALERT_COLUMNS } from '../alerts/alert-columns.js';
import { NodeTable } from '../nodes/node-table.js';
import { RateChart } from './rate-chart.js';
import { chooseWindow, SPANS, type Window } from './window.js';

interface Loaded {
  window: Window;
  overview: Overview;
}

/** Nodes, alert rate, top signatures and talkers, newest alerts; refreshed by the live event stream. */
export function OverviewPage() {
  const api = useApi();
  const live = useLive();
  const [span, setSpan] = useState<number>(86_400);

  const { data, error, loading, reload } = useAsync<Loaded>(
    `${span}/${live.alerts}/${live.samples}`,
    async (signal) => {
      // The newest alert decides where the window ends (see chooseWindow): a replayed capture's alerts
      // stay in view while the node keeps sending fresh samples. Both questions go out at once; the
      // overview is asked again only when the window has to move back to older data.
      const now = Date.now() / 1000;
      const recent = chooseWindow(now, null, span);
      const [newest, first] = await Promise.all([
        api.get<ListResult<Alert>>('/api/v1/alerts', { limit: 1, sort: '-ts' }, signal),
        api.get<Overview>('/api/v1/overview', { from: recent.from, to: recent.to }, signal),
      ]);
      const w = chooseWindow(now, newest.items[0]?.ts ?? null, span);
      const overview = w.anchored
        ? await api.get<Overview>('/api/v1/overview', { from: w.from, to: w.to }, signal)
        : first;
      return { window: w, overview };
    },
  );

  return (
    <div className="stack">
      <div className="page-head">
        <h1>Overview</h1>
        <div className="segmented" role="group" aria-label="Time window">
          {SPANS.map((s) => (
            <button
              key={s.seconds}
              type="button"
              aria-pressed={span === s.seconds}
              onClick={() => setSpan(s.seconds)}
            >
              {s.label}
            </button>
          ))}
        </div>
      </div>
      {error !== undefined && <ErrorBox error={error} onRetry={reload} />}
      {data === undefined && loading && <Loading what="overview" />}
      {data !== undefined && (
        <OverviewBody data={data} spanLabel={SPANS.find((s) => s.seconds === span)?.label ?? ''} />
      )}
    </div>
  );
}

function OverviewBody({ data, spanLabel }: { data: Loaded; spanLabel: string }) {
  const nav = useNavigate();
  const o = data.overview;
  const total = o.alert_rate.reduce((s, p) => s + p.count, 0);
  return (
    <>
      {data.window.anchored && (
        <p className="note" data-testid="anchored-note">
          No alert in the last {spanLabel}: showing the {spanLabel} up to the newest alert,{' '}
          {formatLocal(data.window.to)}.
        </p>
      )}
      <div className="grid two">
        <section className="card" aria-labelledby="h-nodes">
          <h2 id="h-nodes">Nodes</h2>
          <NodeTable nodes={o.nodes} onOpen={(n) => nav('nodes', { node: n.node })} />
        </section>
        <section className="card" aria-labelledby="h-rate">
          <h2 id="h-rate">
            Alert rate <span className="muted small">({total.toLocaleString()} in window)</span>
          </h2>
          {o.alert_rate.length === 0 ? (
            <Empty>No alerts in this window.</Empty>
          ) : (
            <RateChart points={o.alert_rate} />
          )}
        </section>
      </div>
      <div className="grid two">
        <section className="card" aria-labelledby="h-sigs">
          <h2 id="h-sigs">Top signatures</h2>
          {o.top_signatures.length === 0 ? (
            <Empty>No signatures fired in this window.</Empty>
          ) : (
            <DataTable
              caption="Top signatures"
              testId="top-signatures"
              rows={o.top_signatures}
              rowKey={(s) => `${s.gid}:${s.sid}`}
              onOpen={(s) =>
                nav('alerts', { sid: s.sid, gid: s.gid, from: data.window.from, to: data.window.to })
              }
              columns={[
                { key: 'sid', header: 'SID', render: (s) => `${s.gid}:${s.sid}`, className: 'mono nowrap' },
                { key: 'msg', header: 'Message', render: (s) => s.msg, className: 'wide' },
                { key: 'count', header: 'Alerts', render: (s) => s.count.toLocaleString(), className: 'num' },
              ]}
            />
          )}
        </section>
        <section className="card" aria-labelledby="h-talkers">
          <h2 id="h-talkers">Top talkers</h2>
          {o.top_talkers.length === 0 ? (
            <Empty>No alerting addresses in this window.</Empty>
          ) : (
            <DataTable
              caption="Top talkers"
              testId="top-talkers"
              rows={o.top_talkers}
              rowKey={(t) => t.addr}
              onOpen={(t) => nav('alerts', { addr: t.addr, from: data.window.from, to: data.window.to })}
              columns={[
                { key: 'addr', header: 'Address', render: (t) => t.addr, className: 'mono wide' },
                {
                  key: 'alerts',
                  header: 'Alerts',
                  render: (t) => t.alerts.toLocaleString(),
                  className: 'num',
                },
              ]}
            />
          )}
        </section>
      </div>
      <section className="card" aria-labelledby="h-newest">
        <h2 id="h-newest">Newest alerts</h2>
        {o.newest_alerts.length === 0 ? (
          <Empty>No alerts yet.</Empty>
        ) : (
          <DataTable
            caption="Newest alerts"
            testId="newest-alerts"
            rows={o.newest_alerts}
            rowKey={(a) => String(a.id)}
            onOpen={(a) => nav('alerts', { id: a.id })}
            columns={ALERT_COLUMNS}
          />
        )}
      </section>
    </>
  );
}
