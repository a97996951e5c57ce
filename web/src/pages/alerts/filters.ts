/** The alert filters of docs/api.md, as they appear in the route's query and in the API request. */
export const ALERT_FILTERS = [
  { key: 'sid', label: 'SID', type: 'number', placeholder: '2100498' },
  { key: 'classtype', label: 'Classtype', type: 'text', placeholder: 'web-application-attack' },
  { key: 'priority', label: 'Priority', type: 'number', placeholder: '1' },
  { key: 'node', label: 'Node', type: 'text', placeholder: 'node-1' },
  { key: 'pod', label: 'Pod', type: 'text', placeholder: 'src or dst pod' },
  { key: 'namespace', label: 'Namespace', type: 'text', placeholder: 'src or dst namespace' },
  { key: 'addr', label: 'Address', type: 'text', placeholder: 'src or dst, e.g. 10.0.0.5' },
  { key: 'port', label: 'Port', type: 'number', placeholder: 'src or dst' },
  { key: 'q', label: 'Message contains', type: 'text', placeholder: 'free text over msg' },
] as const;

/** Query keys that filter (sent to the API) as opposed to view state (sort, page, grouping, detail). */
export const FILTER_KEYS = ['from', 'to', 'gid', 'proto', 'community_id', ...ALERT_FILTERS.map((f) => f.key)];

export function filterParams(query: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = query[k];
    if (v !== undefined && v !== '') out[k] = v;
  }
  return out;
}
