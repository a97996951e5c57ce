import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/**
 * The BPF clause that leaves the agent's own traffic to its server out of the capture. The batches it ships
 * carry rule texts and the payload strings that fired (`/etc/passwd`, `grant` …): captured again, they would
 * raise new alerts, shipped in new batches, without end. The server's addresses come from the URL (a
 * literal, or every address its name resolves to now); when the name does not resolve, its port alone is
 * left out, which the note says.
 */
export async function selfTrafficFilter(
  serverUrl: string,
  resolve: (host: string) => Promise<string[]> = async (h) =>
    (await lookup(h, { all: true, verbatim: true })).map((a) => a.address),
): Promise<{ clause: string; note: string }> {
  const url = new URL(serverUrl);
  const port = url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addrs: string[] = [];
  if (isIP(host) !== 0) addrs = [host];
  else {
    try {
      addrs = [...new Set(await resolve(host))].filter((a) => isIP(a) !== 0);
    } catch {
      addrs = [];
    }
  }
  if (addrs.length === 0)
    return {
      clause: `not (tcp port ${port})`,
      note: `${host} does not resolve now, so all TCP port ${port} traffic is left out of the capture`,
    };
  const hosts = addrs.map((a) => `host ${a}`).join(' or ');
  return {
    clause: `not (tcp port ${port} and (${hosts}))`,
    note: `this agent's own traffic to ${host}:${port} (${addrs.join(', ')}) is left out of the capture`,
  };
}

/** The user's filter (if any) and the self-traffic clause, as one BPF expression. */
export function withSelfClause(user: string | undefined, clause: string): string {
  return user === undefined || user.trim() === '' ? clause : `(${user}) and ${clause}`;
}
