/** `--explain SRC DST`: which policies allow or deny a connection, and why. */
import { formatConn } from './conn.js';
import type { Peer } from './connlist.js';
import type { PolicyIndex, SideVerdict } from './evaluate.js';

function side(label: string, peer: string, v: SideVerdict): string[] {
  if (!v.isolated)
    return [`  ${label} of ${peer}: not isolated (no NetworkPolicy selects it): All Connections`];
  const out = [`  ${label} of ${peer}: ${formatConn(v.conn)}`];
  for (const p of v.policies)
    out.push(
      p.rules.length === 0
        ? `    ${p.id}: selects it, no ${label.toLowerCase()} rule matches the peer (denies)`
        : `    ${p.id}: ${p.rules.map((r) => `${label.toLowerCase()}[${r}]`).join(', ')} allow ${formatConn(p.conn)}`,
    );
  return out;
}

export function explainConnection(index: PolicyIndex, src: Peer, dst: Peer): string {
  const v = index.allowed(src.ep, dst.ep);
  return [
    `${src.name} => ${dst.name} : ${formatConn(v.conn)}`,
    ...side('Egress', src.name, v.egress),
    ...side('Ingress', dst.name, v.ingress),
    '',
  ].join('\n');
}
