/** The dashboard's pages, in navigation order. */
export const PAGES = ['overview', 'alerts', 'logs', 'nodes', 'audit'] as const;
export type PageName = (typeof PAGES)[number];

export const PAGE_TITLES: Record<PageName, string> = {
  overview: 'Overview',
  alerts: 'Alerts',
  logs: 'Logs',
  nodes: 'Nodes',
  audit: 'Audit',
};

/** Where the app is: a page and its query (filters, selection), so every view can be linked and reloaded. */
export interface Route {
  page: PageName;
  query: Record<string, string>;
}

function isPage(s: string): s is PageName {
  return (PAGES as readonly string[]).includes(s);
}

/** `#/alerts?sid=3` → {page: 'alerts', query: {sid: '3'}}; anything unknown is the overview. */
export function parseHash(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  const q = h.indexOf('?');
  const name = q < 0 ? h : h.slice(0, q);
  const query: Record<string, string> = {};
  if (q >= 0) for (const [k, v] of new URLSearchParams(h.slice(q + 1))) query[k] = v;
  return { page: isPage(name) ? name : 'overview', query };
}

/** The inverse of parseHash; empty values are dropped so links stay short. */
export function formatHash(page: PageName, query: Record<string, string | number | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `#/${page}${s === '' ? '' : `?${s}`}`;
}
