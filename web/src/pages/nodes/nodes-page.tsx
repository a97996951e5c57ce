import { useMemo, useRef, useState } from 'react';
import { useApi, useLive } from '../../api/context.js';
import type { NodeSummary, Sample, Scores } from '../../api/types.js';
import { Chart, type BrushRange } from '../../charts/chart.js';
import { useNavigate, useRoute } from '../../router/use-route.js';
import { saveBlob } from '../../ui/download.js';
import { Empty, ErrorBox, Loading } from '../../ui/states.js';
import { Time } from '../../ui/time.js';
import { useAsync } from '../../ui/use-async.js';
import { bands, featureOption, scoreOption } from './chart-options.js';
import { FEATURES } from './features.js';
import { LabelBar } from './label-bar.js';
import { AnomalyState, NodeTable } from './node-table.js';

/** Without a range in the route, show the last six hours of the node's own data. */
const DEFAULT_SPAN_S = 6 * 3600;

/** Per node: the anomaly score, the 24 features over time, labelling and dataset download. */
export function NodesPage() {
  const api = useApi();
  const live = useLive();
  const nav = useNavigate();
  const { query } = useRoute();
  const nodes = useAsync(`nodes/${live.samples}`, (signal) =>
    api.get<{ items: NodeSummary[] }>('/api/v1/nodes', {}, signal),
  );
  const name = query['node'] ?? nodes.data?.items[0]?.node;
  const node = nodes.data?.items.find((n) => n.node === name);

  return (
    <div className="stack">
      <div className="page-head">
        <h1>Nodes</h1>
        {nodes.data !== undefined && nodes.data.items.length > 0 && (
          <label className="inline">
            Node{' '}
            <select
              value={name ?? ''}
              onChange={(e) => nav('nodes', { node: e.target.value })}
              data-testid="node-select"
            >
              {nodes.data.items.map((n) => (
                <option key={n.node} value={n.node}>
                  {n.node}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {nodes.error !== undefined && <ErrorBox error={nodes.error} onRetry={nodes.reload} />}
      {nodes.data === undefined && nodes.loading && <Loading what="nodes" />}
      {nodes.data !== undefined && nodes.data.items.length === 0 && (
        <Empty>No node has sent samples yet.</Empty>
      )}
      {nodes.data !== undefined && name !== undefined && node === undefined && (
        <>
          <ErrorBox error={new Error(`The server has no samples from node “${name}”.`)} />
          <NodeTable nodes={nodes.data.items} onOpen={(n) => nav('nodes', { node: n.node })} />
        </>
      )}
      {node !== undefined && <NodeView key={node.node} node={node} query={query} />}
    </div>
  );
}

function NodeView({ node, query }: { node: NodeSummary; query: Record<string, string> }) {
  const api = useApi();
  const live = useLive();
  const [range, setRange] = useState<BrushRange | null>(null);
  const [labels, setLabels] = useState(0);
  // New samples redraw the charts, which would wipe a brush being drawn or chosen: hold live updates while
  // the pointer is over the charts or a range is selected, and catch up after.
  const [pointerIn, setPointerIn] = useState(false);
  const follow = !query['to'] && !pointerIn && range === null;
  const to = query['to'] ? Number(query['to']) : Math.floor(node.last_sample_ts) + 1;
  const from = query['from'] ? Number(query['from']) : to - DEFAULT_SPAN_S;
  const at = query['at'] !== undefined && Number.isFinite(Number(query['at'])) ? Number(query['at']) : null;
  const params = { node: node.node, from, to };
  // The last live count followed: held while interacting, so entering the charts does not itself refetch.
  const seen = useRef(live.samples);
  if (follow) seen.current = live.samples;
  const key = `${JSON.stringify(params)}/${labels}/${seen.current}`;
  const { data, error, loading, reload } = useAsync(key, async (signal) => {
    const [samples, scores] = await Promise.all([
      api.get<{ items: Sample[] }>('/api/v1/samples', { ...params, limit: 100_000 }, signal),
      api.get<Scores>('/api/v1/scores', params, signal),
    ]);
    return { samples: samples.items, scores };
  });
  const [download, setDownload] = useState<unknown>(undefined);

  const shaded = useMemo(() => (data ? bands(data.samples, data.scores) : []), [data]);
  const options = useMemo(
    () =>
      data
        ? {
            score: scoreOption(data.samples, data.scores, shaded, at),
            features: FEATURES.map((f) =>
              featureOption(f.name, f.unit, data.samples, data.scores, shaded, at),
            ),
          }
        : null,
    [data, shaded, at],
  );

  const csv = async (view: 'raw' | 'zscore') => {
    setDownload(undefined);
    try {
      const { blob, filename } = await api.blob('/api/v1/dataset.csv', { node: node.node, view, from, to });
      saveBlob(blob, filename ?? `${node.node}-${view}.csv`);
    } catch (err) {
      setDownload(err);
    }
  };

  return (
    <>
      <section className="card node-head">
        <div>
          <h2 className="mono">{node.node}</h2>
          <p className="muted small">
            <Time ts={from} /> – <Time ts={to} /> ·{' '}
            {data ? `${data.samples.length.toLocaleString()} samples` : '…'} · last sample{' '}
            <Time ts={node.last_sample_ts} /> · <AnomalyState n={node} />
          </p>
        </div>
        <div className="actions">
          <button type="button" className="btn" onClick={() => void csv('raw')}>
            Download raw CSV
          </button>
          <button type="button" className="btn" onClick={() => void csv('zscore')}>
            Download z-scored CSV
          </button>
        </div>
        {download !== undefined && <ErrorBox error={download} />}
      </section>
      <LabelBar
        node={node.node}
        range={range}
        onRange={setRange}
        onLabelled={() => {
          setRange(null);
          setLabels((n) => n + 1);
        }}
      />
      {error !== undefined && <ErrorBox error={error} onRetry={reload} />}
      {data === undefined && loading && <Loading what="samples" />}
      {data !== undefined && data.samples.length === 0 && (
        <Empty>No samples from this node in the range.</Empty>
      )}
      {options !== null && data !== undefined && data.samples.length > 0 && (
        <div
          className="stack"
          onPointerEnter={() => setPointerIn(true)}
          onPointerLeave={() => setPointerIn(false)}
        >
          <section className="card">
            <h3>
              Anomaly score <span className="legend attack">labelled attack</span>{' '}
              <span className="legend anomalous">score ≥ threshold</span>
            </h3>
            {data.scores.items.length === 0 && <p className="muted small">No scores for this range yet.</p>}
            <Chart
              option={options.score}
              height={220}
              label={`Anomaly score of ${node.node}`}
              onBrush={setRange}
              testId="score-chart"
            />
          </section>
          <div className="feature-grid" data-testid="feature-grid">
            {FEATURES.map((f, i) => (
              <div className="card chart-card" key={f.name} data-feature={f.name}>
                <Chart
                  option={options.features[i]!}
                  height={180}
                  label={`${f.name} of ${node.node}`}
                  onBrush={setRange}
                  testId={`chart-${f.name}`}
                />
              </div>
            ))}
          </div>
        </div>
      )}
    </>
  );
}
