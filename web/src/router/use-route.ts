import { useCallback, useSyncExternalStore } from 'react';
import { formatHash, parseHash, type PageName, type Route } from './route.js';

function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

const snapshot = (): string => window.location.hash;

/**
 * The current route, from the URL hash. A hash router needs nothing from the server (no SPA fallback),
 * and filters kept in the hash make every view a link an analyst can share.
 */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, snapshot);
  return parseHash(hash);
}

/** Navigate; `replace` for filter edits so Back leaves the page rather than undoing keystrokes. */
export function useNavigate(): (
  page: PageName,
  query?: Record<string, string | number | undefined>,
  replace?: boolean,
) => void {
  return useCallback((page, query = {}, replace = false) => {
    const h = formatHash(page, query);
    if (replace) {
      window.history.replaceState(null, '', h);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } else window.location.hash = h;
  }, []);
}
