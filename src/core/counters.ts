/**
 * Named event counters (Snort's decoder/stream events, Zeek's weirds). Untrusted input on a hot path never
 * throws: it bumps a counter here and the caller drops or truncates what it was looking at.
 */
export class EventCounts {
  private readonly counts = new Map<string, number>();
  /** Sees every event as it happens (weird.log); counting never depends on it. */
  listener: ((name: string, n: number) => void) | null = null;

  add(name: string, n = 1): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + n);
    if (this.listener !== null) this.listener(name, n);
  }

  get(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  total(): number {
    let t = 0;
    for (const v of this.counts.values()) t += v;
    return t;
  }

  merge(other: EventCounts): void {
    for (const [k, v] of other.entries()) this.add(k, v);
  }

  entries(): [string, number][] {
    return [...this.counts.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries(this.entries());
  }
}
