import { useEffect, useRef, useState } from 'react';
import type { ReachGraph as Graph } from '../../api/types.js';
import { graphElements } from './graph-elements.js';

const COLOURS = {
  protected: '#2f9e44',
  ingress: '#f08c00',
  egress: '#f08c00',
  both: '#e03131',
  unknown: '#868e96',
};

/**
 * The reachability graph, drawn by Cytoscape (loaded on demand). Labels are canvas text, so workload
 * names can never become markup.
 */
export function ReachGraph({ graph }: { graph: Graph }) {
  const el = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let destroyed = false;
    let cy: { destroy: () => void } | null = null;
    import('cytoscape').then(
      ({ default: cytoscape }) => {
        if (destroyed || el.current === null) return;
        const { nodes, edges } = graphElements(graph);
        cy = cytoscape({
          container: el.current,
          elements: { nodes, edges },
          maxZoom: 1.6,
          minZoom: 0.2,
          style: [
            {
              selector: 'node',
              style: {
                label: 'data(label)',
                'font-size': 10,
                color: '#1f2933',
                'text-valign': 'bottom',
                'text-margin-y': 4,
                width: 18,
                height: 18,
                'border-width': 2,
                'border-color': '#fff',
              },
            },
            ...Object.entries(COLOURS).map(([state, colour]) => ({
              selector: `node[state = "${state}"]`,
              style: { 'background-color': colour },
            })),
            {
              selector: 'edge',
              style: {
                width: 1.5,
                'line-color': '#9aa5b1',
                'target-arrow-color': '#9aa5b1',
                'target-arrow-shape': 'triangle',
                'curve-style': 'bezier',
                label: 'data(label)',
                'font-size': 8,
                color: '#52606d',
                'text-rotation': 'autorotate',
                'text-background-color': '#fff',
                'text-background-opacity': 0.8,
              },
            },
          ],
          // Allowed traffic mostly flows one way (frontend → backend → data): a layered layout reads best.
          layout:
            nodes.length > 80
              ? { name: 'grid', padding: 24 }
              : { name: 'breadthfirst', directed: true, spacingFactor: 1.15, padding: 24, animate: false },
        });
        el.current.dataset['nodes'] = String(nodes.length);
        el.current.dataset['edges'] = String(edges.length);
      },
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      destroyed = true;
      cy?.destroy();
    };
  }, [graph]);

  if (error !== null) return <div className="state error">The graph could not load: {error}</div>;
  return (
    <>
      <p className="legend-row small">
        <span className="dot" style={{ background: COLOURS.protected }} /> protected
        <span className="dot" style={{ background: COLOURS.ingress }} /> unprotected on ingress or egress
        <span className="dot" style={{ background: COLOURS.both }} /> unprotected both ways
        <span className="dot" style={{ background: COLOURS.unknown }} /> not a workload / unknown
        <span className="muted"> · edges are allowed connections</span>
      </p>
      <div
        className="graph"
        ref={el}
        role="img"
        aria-label="Reachability graph of workloads"
        data-testid="reach-graph"
      />
    </>
  );
}
