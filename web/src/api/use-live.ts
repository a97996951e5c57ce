import { useEffect, useState } from 'react';
import type { ApiClient } from './client.js';
import type { Live } from './context.js';
import { followEvents } from './events.js';

/** Coalesce bursts (a replay emits many events a second) into at most one refresh per interval. */
const THROTTLE_MS = 2000;

/** Follows the server's event stream for as long as the app is signed in. */
export function useLiveEvents(api: ApiClient | null): Live {
  const [live, setLive] = useState<Live>({ state: 'stopped', alerts: 0, samples: 0 });
  useEffect(() => {
    if (api === null) return undefined;
    const pending = { alerts: false, samples: false };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      setLive((l) => ({
        ...l,
        alerts: l.alerts + (pending.alerts ? 1 : 0),
        samples: l.samples + (pending.samples ? 1 : 0),
      }));
      pending.alerts = pending.samples = false;
    };
    const stop = followEvents(
      api,
      (ev) => {
        if (ev.event === 'alerts') pending.alerts = true;
        else if (ev.event === 'samples' || ev.event === 'scores') pending.samples = true;
        else return;
        timer ??= setTimeout(flush, THROTTLE_MS);
      },
      (state) => setLive((l) => ({ ...l, state })),
    );
    return () => {
      stop();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [api]);
  return live;
}
