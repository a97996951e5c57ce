import type { DnsInfo, DnsSink } from './record.js';

/** Zeek's DNS::max_pending_msgs and DNS::max_pending_query_ids. */
const MAX_PENDING_MSGS = 50;
const MAX_PENDING_IDS = 50;

/**
 * Unmatched queries (or replies) by transaction id, in arrival order: Zeek's `PendingMessages` with
 * its limits, so memory per flow is bounded (≤ 51 ids × 51 messages) however many are never answered.
 */
export class PendingMessages {
  private readonly byId = new Map<number, DnsInfo[]>();

  has(id: number): boolean {
    const q = this.byId.get(id);
    return q !== undefined && q.length > 0;
  }

  pop(id: number): DnsInfo | null {
    const q = this.byId.get(id);
    if (q === undefined || q.length === 0) return null;
    const info = q.shift()!;
    if (q.length === 0) this.byId.delete(id);
    return info;
  }

  /** Any id with a queued message (the first in insertion order). */
  anyId(): number | null {
    for (const [id, q] of this.byId) if (q.length > 0) return id;
    return null;
  }

  push(id: number, info: DnsInfo, sink: DnsSink): void {
    let q = this.byId.get(id);
    if (q === undefined) {
      // Give up on everything unmatched: it will not be matched any more.
      if (this.byId.size > MAX_PENDING_IDS) this.flush(sink);
      q = [];
      this.byId.set(id, q);
    } else if (q.length > MAX_PENDING_MSGS) {
      for (const i of q) sink.dns(i.rec);
      q.length = 0;
    }
    q.push(info);
  }

  flush(sink: DnsSink): void {
    for (const q of this.byId.values()) for (const i of q) sink.dns(i.rec);
    this.byId.clear();
  }
}
