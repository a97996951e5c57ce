import type { EventCounts } from '../../core/counters.js';
import { u16be, u32be } from '../../core/bytes.js';
import { DnsType } from './consts.js';
import { readName, type NameOut } from './names.js';
import { ednsOptions, RDATA_DECODERS, type RdataInput } from './rdata.js';
import type { DnsHeader, DnsMessage, DnsQuestion, DnsRdata, DnsRR } from './types.js';

export const DNS_HEADER_LEN = 12;
/** Zeek's dns_max_queries: more questions than this is taken for non-DNS traffic on a DNS port. */
export const DNS_MAX_QUESTIONS = 25;

export function parseDnsHeader(b: Uint8Array, o: number): DnsHeader {
  const flags = u16be(b, o + 2);
  return {
    id: u16be(b, o),
    qr: (flags & 0x8000) !== 0,
    opcode: (flags >> 11) & 0xf,
    aa: (flags & 0x0400) !== 0,
    tc: (flags & 0x0200) !== 0,
    rd: (flags & 0x0100) !== 0,
    ra: (flags & 0x0080) !== 0,
    z: (flags >> 4) & 0x7,
    rcode: flags & 0xf,
    qdcount: u16be(b, o + 4),
    ancount: u16be(b, o + 6),
    nscount: u16be(b, o + 8),
    arcount: u16be(b, o + 10),
  };
}

/**
 * Parse the DNS message `data[off..off+len)`. Returns null only when there is no header; otherwise the
 * message with every question and record that parsed before the first malformed one (`truncated` set).
 * Never throws; each problem counts a Zeek-named weird in `events`.
 */
export function parseDnsMessage(
  data: Uint8Array,
  off: number,
  len: number,
  events: EventCounts,
): DnsMessage | null {
  const end = Math.min(off + len, data.length);
  if (end - off < DNS_HEADER_LEN) {
    events.add('DNS_truncated_len_lt_hdr_len');
    return null;
  }
  const header = parseDnsHeader(data, off);
  const msg: DnsMessage = {
    header,
    questions: [],
    answers: [],
    authority: [],
    additional: [],
    truncated: false,
  };
  if (header.qdcount > DNS_MAX_QUESTIONS) {
    events.add('DNS_Conn_count_too_large');
    msg.truncated = true;
    return msg;
  }
  const scratch: NameOut = { name: '', end: 0 };
  let p = off + DNS_HEADER_LEN;
  for (let i = 0; i < header.qdcount; i++) {
    if (!readName(data, off, end, p, events, scratch)) return stop(msg);
    p = scratch.end;
    if (p + 4 > end) {
      events.add('DNS_truncated_quest_too_short');
      return stop(msg);
    }
    const q: DnsQuestion = { name: scratch.name, qtype: u16be(data, p), qclass: u16be(data, p + 2) };
    msg.questions.push(q);
    p += 4;
  }
  const sections: [number, 1 | 2 | 3, DnsRR[]][] = [
    [header.ancount, 1, msg.answers],
    [header.nscount, 2, msg.authority],
    [header.arcount, 3, msg.additional],
  ];
  const rd: RdataInput = { b: data, msgStart: off, msgEnd: end, off: 0, end: 0, events, scratch };
  for (const [count, section, list] of sections) {
    for (let i = 0; i < count; i++) {
      const next = parseRR(rd, p, section, list);
      if (next < 0) return stop(msg);
      p = next;
    }
  }
  return msg;
}

function stop(msg: DnsMessage): DnsMessage {
  msg.truncated = true;
  return msg;
}

/** Parse one resource record at `p` into `list`; returns the offset after it, or -1. */
function parseRR(rd: RdataInput, p: number, section: 1 | 2 | 3, list: DnsRR[]): number {
  const { b, msgEnd, events, scratch } = rd;
  if (!readName(b, rd.msgStart, msgEnd, p, events, scratch)) return -1;
  const name = scratch.name;
  p = scratch.end;
  if (p + 10 > msgEnd) {
    events.add('DNS_truncated_ans_too_short');
    return -1;
  }
  const type = u16be(b, p);
  const rrclass = u16be(b, p + 2);
  const ttl = u32be(b, p + 4);
  const rdlen = u16be(b, p + 8);
  p += 10;
  if (p + rdlen > msgEnd) {
    events.add('DNS_truncated_RR_rdlength_lt_len');
    return -1;
  }
  rd.off = p;
  rd.end = p + rdlen;
  list.push({ section, name, type, rrclass, ttl, rdata: decodeRdata(rd, type, rrclass, ttl) });
  return p + rdlen;
}

function decodeRdata(rd: RdataInput, type: number, rrclass: number, ttl: number): DnsRdata {
  if (type === DnsType.OPT) {
    const options = ednsOptions(rd.b, rd.off, rd.end);
    if (options !== null) {
      return {
        kind: 'opt',
        udpSize: rrclass,
        extRcode: ttl >>> 24,
        version: (ttl >>> 16) & 0xff,
        dnssecOk: (ttl & 0x8000) !== 0,
        options,
      };
    }
  } else {
    const dec = RDATA_DECODERS[type];
    if (dec === undefined) return { kind: 'raw', data: rd.b.slice(rd.off, rd.end) };
    const r = dec(rd);
    if (r !== null) return r;
  }
  // A record whose RDATA does not fit its type: kept raw, the message goes on (its length is known).
  rd.events.add('DNS_RR_length_mismatch');
  return { kind: 'raw', data: rd.b.slice(rd.off, rd.end) };
}
