import type { EventCounts } from '../../core/counters.js';
import { u16be } from '../../core/bytes.js';
import { DnsOpcode, opcodeName, qclassName, qtypeName, rcodeName } from './consts.js';
import { parseDnsMessage } from './message.js';
import { decodeNetbiosName, lowerAscii } from './names.js';
import { PendingMessages } from './pending.js';
import { newDnsInfo, type DnsInfo, type DnsSink } from './record.js';
import type { DnsMessage } from './types.js';
import { zeekReply } from './zeek-reply.js';

/** Largest DNS-over-TCP message (2-byte length prefix) plus the prefix. */
const TCP_MAX = 65535 + 2;

/**
 * DNS state of one flow: parses each message and pairs queries with replies by transaction id exactly as
 * Zeek's base/protocols/dns/main.zeek does (a fast-path pending query, then per-id queues), emitting one
 * dns.log record per pair when both are seen, and the unmatched ones at `end`.
 */
export class DnsSession {
  private readonly proto: 'udp' | 'tcp';
  private readonly netbios: boolean;
  private readonly events: EventCounts;
  private pendingQuery: DnsInfo | null = null;
  private readonly pendingQueries = new PendingMessages();
  private readonly pendingReplies = new PendingMessages();
  /** TCP: bytes of an incomplete message per direction. */
  private readonly partial: [Uint8Array | null, Uint8Array | null] = [null, null];
  private first = true;

  /** `respPort`: the server's port (137 selects NetBIOS name service naming, as Zeek). */
  constructor(proto: 'udp' | 'tcp', respPort: number, events: EventCounts) {
    this.proto = proto;
    this.netbios = proto === 'udp' && respPort === 137;
    this.events = events;
  }

  feedDatagram(dir: 0 | 1, data: Uint8Array, off: number, len: number, ts: number, sink: DnsSink): void {
    const msg = parseDnsMessage(data, off, len, this.events);
    if (msg !== null) this.onMessage(msg, dir, ts, sink);
  }

  /** In-order TCP bytes of one direction; messages may span calls and calls may hold several. */
  feedStream(dir: 0 | 1, data: Uint8Array, off: number, len: number, ts: number, sink: DnsSink): void {
    let buf = data;
    let p = off;
    let end = Math.min(off + len, data.length);
    const held = this.partial[dir];
    if (held !== null) {
      buf = new Uint8Array(held.length + (end - p));
      buf.set(held);
      buf.set(data.subarray(p, end), held.length);
      p = 0;
      end = buf.length;
      this.partial[dir] = null;
    }
    while (end - p >= 2) {
      const n = u16be(buf, p);
      if (end - p - 2 < n) break;
      const msg = parseDnsMessage(buf, p + 2, n, this.events);
      if (msg !== null) this.onMessage(msg, dir, ts, sink);
      p += 2 + n;
    }
    // The remainder is below one message (≤ 64 KiB + 2), so what is held per direction stays bounded.
    if (p < end) this.partial[dir] = buf.slice(p, Math.min(end, p + TCP_MAX));
  }

  /** The flow ended: log what was never matched (Zeek's finalize_dns). */
  end(sink: DnsSink): void {
    if (this.partial[0] !== null || this.partial[1] !== null) this.events.add('DNS_truncated_msg');
    this.partial[0] = this.partial[1] = null;
    if (this.pendingQuery !== null) sink.dns(this.pendingQuery.rec);
    this.pendingQuery = null;
    this.pendingQueries.flush(sink);
    this.pendingReplies.flush(sink);
  }

  private onMessage(msg: DnsMessage, dir: 0 | 1, ts: number, sink: DnsSink): void {
    const h = msg.header;
    if (this.first) {
      this.first = false;
      if (h.qr && sink.firstIsReply !== undefined) sink.firstIsReply(dir);
    }
    // Zeek tracks standard queries, NOTIFY and UPDATE only.
    if (h.opcode !== DnsOpcode.QUERY && h.opcode !== DnsOpcode.NOTIFY && h.opcode !== DnsOpcode.UPDATE)
      return;
    const info = this.setSession(msg, ts, sink);
    const rec = info.rec;
    if (!h.qr) {
      for (const q of msg.questions) {
        rec.RD = h.rd;
        rec.TC = h.tc;
        rec.qclass = q.qclass;
        rec.qclass_name = qclassName(q.qclass);
        rec.qtype = q.qtype;
        rec.qtype_name = qtypeName(q.qtype);
        rec.Z = h.z;
        let name = lowerAscii(q.name);
        if (this.netbios) {
          const d = decodeNetbiosName(name);
          if (d !== '') name = d;
          if (rec.qtype_name === 'SRV') rec.qtype_name = 'NBSTAT';
        }
        rec.query = name;
      }
    } else {
      if (msg.questions.length > 0 && h.ancount === 0 && h.nscount === 0 && h.arcount === 0)
        rec.rejected = true;
      this.replies(msg, info, ts);
    }
    if (h.qr) info.sawReply = true;
    else info.sawQuery = true;
    if (info.sawQuery && info.sawReply) {
      sink.dns(rec);
    }
  }

  private replies(msg: DnsMessage, info: DnsInfo, ts: number): void {
    const h = msg.header;
    const update = h.opcode === DnsOpcode.UPDATE;
    // For UPDATE, Zeek logs the prerequisite (answer) and update (authority) sections.
    const lists = update ? [msg.answers, msg.authority] : [msg.answers];
    const rec = info.rec;
    for (const list of lists) {
      for (const rr of list) {
        const reply = zeekReply(rr, this.netbios, update);
        if (reply === null) continue;
        if (rec.query === null) rec.query = lowerAscii(rr.name);
        rec.AA = h.aa;
        rec.RA = h.ra;
        if (rec.rtt === null) {
          const rtt = ts - rec.ts;
          // Zero means only the reply was seen (Zeek's reasoning): leave it unset.
          if (rtt !== 0) rec.rtt = rtt;
        }
        if (reply !== '') {
          (rec.answers ??= []).push(reply);
          (rec.TTLs ??= []).push(rr.ttl);
        }
      }
    }
  }

  /** Zeek's DNS::set_session: find or create the record this message belongs to. */
  private setSession(msg: DnsMessage, ts: number, sink: DnsSink): DnsInfo {
    const h = msg.header;
    const id = h.id;
    let info: DnsInfo;
    if (!h.qr) {
      const matched = this.pendingReplies.pop(id);
      if (matched !== null) info = matched;
      else {
        info = newDnsInfo(ts, this.proto, id);
        if (this.pendingQuery === null) this.pendingQuery = info;
        else this.pendingQueries.push(id, info, sink);
      }
    } else if (this.pendingQuery !== null && this.pendingQuery.rec.trans_id === id) {
      info = this.pendingQuery;
      this.pendingQuery = null;
      // Refill the fast path, preferring a query with the same id, to keep the queues' order.
      const next = this.pendingQueries.has(id) ? id : this.pendingQueries.anyId();
      if (next !== null) this.pendingQuery = this.pendingQueries.pop(next);
    } else {
      const matched = this.pendingQueries.pop(id);
      if (matched !== null) info = matched;
      else {
        info = newDnsInfo(ts, this.proto, id);
        this.pendingReplies.push(id, info, sink);
      }
    }
    const rec = info.rec;
    if (h.qr) {
      rec.rcode = h.rcode;
      rec.rcode_name = rcodeName(h.rcode);
      if (h.rcode !== 0 && h.qdcount === 0) rec.rejected = true;
    }
    rec.opcode = h.opcode;
    rec.opcode_name = opcodeName(h.opcode, this.netbios);
    return info;
  }
}
