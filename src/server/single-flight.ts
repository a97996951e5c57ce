/**
 * Coalesces identical concurrent reads: while a query for a key is in flight, callers asking for the same key
 * share its promise instead of sending the store the same query again. Nothing is kept after it settles, so
 * an answer is never older than the request that asked for it. Safe because every token sees the same data.
 */
export class SingleFlight {
  private readonly inflight = new Map<string, Promise<unknown>>();
  shared = 0;

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const hit = this.inflight.get(key);
    if (hit !== undefined) {
      this.shared++;
      return hit as Promise<T>;
    }
    const p = fn().finally(() => this.inflight.delete(key));
    this.inflight.set(key, p);
    return p;
  }
}

/** A stable key for a route and its (validated) query: parameter order does not matter. */
export function queryKey(route: string, query: object): string {
  const entries = Object.entries(query as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return `${route}?${JSON.stringify(entries)}`;
}
