import type { NodeSummary } from '../../api/types.js';
import { DataTable } from '../../ui/data-table.js';
import { Empty } from '../../ui/states.js';
import { Time } from '../../ui/time.js';

export function AnomalyState({ n }: { n: NodeSummary }) {
  if (n.last_score === null) return <span className="badge neutral">not scored</span>;
  return n.anomalous ? (
    <span className="badge bad" title={`last score ${n.last_score.toFixed(3)}`}>
      anomalous
    </span>
  ) : (
    <span className="badge good" title={`last score ${n.last_score.toFixed(3)}`}>
      normal
    </span>
  );
}

/** Nodes with their last sample time and anomaly state; a row opens the node's charts. */
export function NodeTable({ nodes, onOpen }: { nodes: NodeSummary[]; onOpen: (n: NodeSummary) => void }) {
  if (nodes.length === 0) return <Empty>No node has sent samples yet.</Empty>;
  return (
    <DataTable
      caption="Nodes"
      testId="node-table"
      rows={nodes}
      rowKey={(n) => n.node}
      onOpen={onOpen}
      columns={[
        { key: 'node', header: 'Node', render: (n) => n.node, className: 'mono' },
        {
          key: 'last',
          header: 'Last sample',
          render: (n) => <Time ts={n.last_sample_ts} />,
          className: 'nowrap',
        },
        { key: 'samples', header: 'Samples', render: (n) => n.samples.toLocaleString(), className: 'num' },
        {
          key: 'score',
          header: 'Score',
          render: (n) => (n.last_score === null ? '—' : n.last_score.toFixed(3)),
          className: 'num',
        },
        { key: 'state', header: 'State', render: (n) => <AnomalyState n={n} /> },
      ]}
    />
  );
}
