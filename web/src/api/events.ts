import { ApiError, type ApiClient } from './client.js';
import { SseParser, type SseEvent } from './sse-parse.js';

export type StreamState = 'connecting' | 'live' | 'retrying' | 'stopped';

/** Delay before reconnect attempt `n` (0-based): 1 s doubling to 30 s, with jitter so clients spread out. */
export function backoffMs(n: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.min(n, 5));
  return Math.round(base * (0.75 + random() * 0.5));
}

/**
 * Follows `GET /api/v1/events` with fetch + ReadableStream (EventSource cannot send the Authorization
 * header) and reconnects with backoff until stopped. A 401 stops it: the client has already sent the
 * user back to the token screen.
 */
export function followEvents(
  api: ApiClient,
  onEvent: (e: SseEvent) => void,
  onState: (s: StreamState) => void,
): () => void {
  const ctl = new AbortController();
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const run = async (): Promise<void> => {
    onState('connecting');
    try {
      const res = await api.stream('/api/v1/events', ctl.signal);
      if (res.body === null) throw new Error('no body');
      onState('live');
      attempt = 0;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      const parser = new SseParser();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        for (const ev of parser.push(value)) onEvent(ev);
      }
    } catch (err) {
      if (ctl.signal.aborted || (err instanceof ApiError && err.status === 401)) {
        onState('stopped');
        return;
      }
    }
    if (ctl.signal.aborted) return;
    onState('retrying');
    timer = setTimeout(() => void run(), backoffMs(attempt++));
  };
  void run();
  return () => {
    ctl.abort();
    if (timer !== undefined) clearTimeout(timer);
  };
}
