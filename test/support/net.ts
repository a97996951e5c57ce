import { createServer } from 'node:net';

/** A TCP port free on 127.0.0.1 right now (the kernel's pick; a test binds it soon after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a !== null ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `fn` every 250 ms until it gives a value (not undefined) or `ms` pass; a throw counts as "not yet"
 * and its message joins the timeout error, with `said()` (what the process under test printed).
 */
export async function until<T>(
  what: string,
  fn: () => Promise<T | undefined> | T | undefined,
  ms = 90_000,
  said: () => string = () => '',
): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await sleep(250);
  }
  const out = said();
  throw new Error(
    `timed out waiting for ${what}${last ? `: ${String(last)}` : ''}${out ? `; it said:\n${out}` : ''}`,
  );
}
