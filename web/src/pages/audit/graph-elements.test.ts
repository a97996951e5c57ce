import { describe, expect, it } from 'vitest';
import { graphElements } from './graph-elements.js';

describe('graphElements', () => {
  it('colours by unprotected direction and keeps edges to unlisted peers', () => {
    const g = graphElements({
      nodes: [
        {
          id: 'a',
          namespace: 'ns',
          name: 'a',
          kind: 'Deployment',
          protected: { ingress: true, egress: true },
        },
        {
          id: 'b',
          namespace: 'ns',
          name: 'b',
          kind: 'Deployment',
          protected: { ingress: false, egress: true },
        },
        { id: 'c', name: 'c', kind: 'Pod', protected: { ingress: false, egress: false } },
        { id: 'd' },
      ],
      edges: [
        { src: 'a', dst: 'b', conn: 'TCP 80' },
        { src: 'b', dst: '0.0.0.0/0', conn: 'All Connections' },
      ],
    });
    expect(g.nodes.map((n) => [n.data.id, n.data.label, n.data.state])).toEqual([
      ['a', 'ns/a', 'protected'],
      ['b', 'ns/b', 'ingress'],
      ['c', 'c', 'both'],
      ['d', 'd', 'unknown'],
      ['0.0.0.0/0', '0.0.0.0/0', 'unknown'],
    ]);
    expect(g.edges[1]!.data).toEqual({
      id: 'e1',
      source: 'b',
      target: '0.0.0.0/0',
      label: 'All Connections',
    });
  });
});
