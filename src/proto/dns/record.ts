/** One dns.log row (Zeek's DNS::Info), before the connection fields (uid, id.*) are added by logs/. */
export interface DnsLogRecord {
  /** Time of the first message of this query/response pair (seconds). */
  ts: number;
  proto: 'udp' | 'tcp';
  trans_id: number;
  rtt: number | null;
  query: string | null;
  qclass: number | null;
  qclass_name: string | null;
  qtype: number | null;
  qtype_name: string | null;
  rcode: number | null;
  rcode_name: string | null;
  AA: boolean;
  TC: boolean;
  RD: boolean;
  RA: boolean;
  Z: number;
  answers: string[] | null;
  TTLs: number[] | null;
  rejected: boolean;
  opcode: number | null;
  opcode_name: string | null;
}

export interface DnsSink {
  dns(rec: DnsLogRecord): void;
  /**
   * The flow's first DNS message is a reply, sent in flow direction `dir`: Zeek's DNS analyzer flips the
   * connection's roles when that side is its originator (unless the responder is a multicast address).
   */
  firstIsReply?(dir: 0 | 1): void;
}

/** A pending record plus what Zeek tracks but does not log. */
export interface DnsInfo {
  rec: DnsLogRecord;
  sawQuery: boolean;
  sawReply: boolean;
}

export function newDnsInfo(ts: number, proto: 'udp' | 'tcp', transId: number): DnsInfo {
  return {
    rec: {
      ts,
      proto,
      trans_id: transId,
      rtt: null,
      query: null,
      qclass: null,
      qclass_name: null,
      qtype: null,
      qtype_name: null,
      rcode: null,
      rcode_name: null,
      AA: false,
      TC: false,
      RD: false,
      RA: false,
      Z: 0,
      answers: null,
      TTLs: null,
      rejected: false,
      opcode: null,
      opcode_name: null,
    },
    sawQuery: false,
    sawReply: false,
  };
}
