/**
 * An alert as plain data: what every output format, the agent and the server consume. Built once per alert
 * from the detector's event and the unit it fired on; serializable (crosses worker threads).
 */
export interface AlertRecord {
  tsSec: number;
  tsUsec: number;
  pktNum: number;
  /** TCP, UDP, ICMP, or IP (other protocols), as Snort prints it. */
  proto: string;
  pktLen: number;
  /** C2S, S2C, or UNK when no flow is tracked. */
  dir: 'C2S' | 'S2C' | 'UNK';
  ipVer: 4 | 6;
  srcAddr: string;
  dstAddr: string;
  /** Null for protocols without ports. */
  srcPort: number | null;
  dstPort: number | null;
  gid: number;
  sid: number;
  rev: number;
  msg: string;
  /** Classification description (Snort's `class` field), or null without a classtype. */
  classDesc: string | null;
  classtype: string | null;
  priority: number;
  /** Rule action as written (alert, log, drop …). */
  ruleAction: string;
  service: string | null;
  /** True when the alert fired on a reassembled PDU or defragmented datagram. */
  rebuilt: boolean;
  /** Community ID v1 of the flow (joins alerts to conn/http/dns/ssl records). */
  communityId: string;
}
