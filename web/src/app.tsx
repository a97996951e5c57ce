import { Suspense, useCallback, useMemo, useState } from 'react';
import { ApiClient } from './api/client.js';
import { ApiContext, LiveContext } from './api/context.js';
import { useLiveEvents } from './api/use-live.js';
import { clearToken, loadToken, saveToken } from './auth/token.js';
import { TokenScreen } from './auth/token-screen.js';
import { Pages } from './pages/registry.js';
import { formatHash, PAGE_TITLES, PAGES } from './router/route.js';
import { useRoute } from './router/use-route.js';
import { Loading } from './ui/states.js';
import { ErrorBoundary } from './ui/error-boundary.js';

const STREAM_LABEL = {
  connecting: 'connecting…',
  live: 'live',
  retrying: 'reconnecting…',
  stopped: 'offline',
};

/** The token gate, the navigation and the current page. */
export function App() {
  const [token, setToken] = useState<string | null>(loadToken);
  const [reason, setReason] = useState<string | null>(null);

  const onUnauthorized = useCallback(() => {
    clearToken();
    setToken(null);
    setReason('The server refused the API token (401). Enter a valid token.');
  }, []);
  const api = useMemo(
    () => (token === null ? null : new ApiClient(token, onUnauthorized)),
    [token, onUnauthorized],
  );
  const live = useLiveEvents(api);
  const route = useRoute();

  if (api === null)
    return (
      <TokenScreen
        reason={reason}
        onAccept={(t) => {
          saveToken(t);
          setReason(null);
          setToken(t);
        }}
      />
    );

  const Page = Pages[route.page];
  return (
    <ApiContext.Provider value={api}>
      <LiveContext.Provider value={live}>
        <a
          className="skip"
          href="#main"
          onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}
        >
          Skip to content
        </a>
        <header className="topbar">
          <span className="brand">
            <span className="logo" aria-hidden="true">
              ◆
            </span>{' '}
            Vigil
          </span>
          <nav aria-label="Pages">
            {PAGES.map((p) => (
              <a key={p} href={formatHash(p)} aria-current={route.page === p ? 'page' : undefined}>
                {PAGE_TITLES[p]}
              </a>
            ))}
          </nav>
          <span
            className={`stream ${live.state}`}
            data-testid="stream-state"
            title="Live updates from the server"
          >
            <span className="dot" aria-hidden="true" /> {STREAM_LABEL[live.state]}
          </span>
          <button
            type="button"
            className="btn ghost small"
            onClick={() => {
              clearToken();
              setReason(null);
              setToken(null);
            }}
          >
            Sign out
          </button>
        </header>
        <main id="main" tabIndex={-1} className="page" data-page={route.page}>
          <ErrorBoundary key={route.page}>
            <Suspense fallback={<Loading what={PAGE_TITLES[route.page].toLowerCase()} />}>
              <Page />
            </Suspense>
          </ErrorBoundary>
        </main>
      </LiveContext.Provider>
    </ApiContext.Provider>
  );
}
