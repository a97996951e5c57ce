/** What ingest announces to live clients (docs/api.md `/api/v1/events`). */
export type BusEvent =
  | { type: 'alerts'; data: { count: number; newest_ts: number } }
  | { type: 'samples'; data: { node: string; ts: number } }
  | { type: 'scores'; data: { node: string; ts: number; score: number } };

export type Listener = (e: BusEvent) => void;

/** In-process fan-out; a listener that throws is dropped so one bad client cannot stop the others. */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  publish(e: BusEvent): void {
    for (const fn of this.listeners) {
      try {
        fn(e);
      } catch {
        this.listeners.delete(fn);
      }
    }
  }

  get size(): number {
    return this.listeners.size;
  }
}
