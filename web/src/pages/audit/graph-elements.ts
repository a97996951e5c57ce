import type { ReachGraph } from '../../api/types.js';

export type State = 'protected' | 'ingress' | 'egress' | 'both' | 'unknown';

export interface GraphElements {
  nodes: { data: { id: string; label: string; ns: string; state: State } }[];
  edges: { data: { id: string; source: string; target: string; label: string } }[];
}

/**
 * Cytoscape elements from the audit's reach graph: one node per workload, labelled `ns/name`, coloured by
 * which directions no NetworkPolicy protects; one edge per allowed connection. Edges to workloads the
 * graph does not list (external peers) get a node of their own, state unknown, so nothing is dropped.
 */
export function graphElements(g: ReachGraph): GraphElements {
  const nodes = new Map<string, GraphElements['nodes'][number]>();
  for (const n of g.nodes) {
    const ing = n.protected?.ingress;
    const eg = n.protected?.egress;
    const state: State =
      ing === undefined || eg === undefined
        ? 'unknown'
        : !ing && !eg
          ? 'both'
          : !ing
            ? 'ingress'
            : !eg
              ? 'egress'
              : 'protected';
    const name = n.name ?? n.id;
    nodes.set(n.id, {
      data: { id: n.id, label: n.namespace ? `${n.namespace}/${name}` : name, ns: n.namespace ?? '', state },
    });
  }
  for (const e of g.edges)
    for (const id of [e.src, e.dst])
      if (!nodes.has(id)) nodes.set(id, { data: { id, label: id, ns: '', state: 'unknown' } });
  const edges = g.edges.map((e, i) => ({
    data: { id: `e${i}`, source: e.src, target: e.dst, label: e.conn ?? '' },
  }));
  return { nodes: [...nodes.values()], edges };
}
