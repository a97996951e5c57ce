import { isIP } from 'node:net';

/**
 * The BPF clause that leaves the agent's own traffic to its server out of the capture. The batches it ships
 * carry rule texts and the payload strings that fired (`/etc/passwd`, `grant` …): captured again, they would
 * raise new alerts, shipped in new batches, without end.
 *
 * A server given by address is left out by address and port. A server given by name is left out by port
 * alone: in a cluster the name is a Service, and what the capture sees after the node's DNAT is a pod
 * address, not the one the name resolves to (the Service's port must then equal its targetPort, as in
 * deploy/server.yaml; otherwise add the pod port with --filter).
 */
export function selfTrafficFilter(serverUrl: string): { clause: string; note: string } {
  const url = new URL(serverUrl);
  const port = url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) !== 0)
    return {
      clause: `not (tcp port ${port} and host ${host})`,
      note: `this agent's own traffic to ${host}:${port} is left out of the capture`,
    };
  return {
    clause: `not (tcp port ${port})`,
    note:
      `TCP port ${port} is left out of the capture: it carries this agent's own batches to ${host} ` +
      '(a name, possibly a Service, so its address on the wire is not known)',
  };
}

/** The user's filter (if any) and the self-traffic clause, as one BPF expression. */
export function withSelfClause(user: string | undefined, clause: string): string {
  return user === undefined || user.trim() === '' ? clause : `(${user}) and ${clause}`;
}
