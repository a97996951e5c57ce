import type { InspectUnit } from '../detect/engine.js';
import type { Rule } from '../rules/ast.js';
import { IpProto } from '../packet/packet.js';
import type { AlertRecord } from '../output/alert-record.js';
import { ipText } from '../output/addr.js';
import { classificationOf } from '../rules/classifications.js';
import { communityId } from '../logs/community-id.js';

function protoName(p: number): string {
  switch (p) {
    case IpProto.TCP:
      return 'TCP';
    case IpProto.UDP:
      return 'UDP';
    case IpProto.ICMP:
    case IpProto.ICMPV6:
      return 'ICMP';
    default:
      return 'IP';
  }
}

/**
 * Turn a rule that fired on a unit into plain data. For reassembled PDUs the addresses follow the PDU's direction
 * (the triggering packet may travel the other way), and pkt_len is the PDU's length, as Snort 3 prints it. A PDU flushed
 * when its flow ends or times out comes with a packet that carries only the time: its identity is the flow's.
 */
export function toAlertRecord(r: Rule, u: InspectUnit): AlertRecord {
  const pkt = u.pkt;
  const flow = u.flow;
  const pdu = u.rebuilt && flow !== null && flow.proto === IpProto.TCP && !pkt.rebuilt;
  const ver = pdu ? flow.ipVer : pkt.ipVer === 6 ? 6 : 4;
  const proto = pdu ? IpProto.TCP : pkt.proto;
  const hasPorts = proto === IpProto.TCP || proto === IpProto.UDP;
  let srcAddr: string;
  let dstAddr: string;
  let srcPort: number | null = hasPorts ? pkt.sport : null;
  let dstPort: number | null = hasPorts ? pkt.dport : null;
  let pktLen = pkt.ipLen;
  let src: Uint8Array = pkt.src;
  let dst: Uint8Array = pkt.dst;
  if (pdu) {
    const fromClient = u.dir === 0;
    srcAddr = ipText(flow.ipVer, fromClient ? flow.clientIp : flow.serverIp);
    dstAddr = ipText(flow.ipVer, fromClient ? flow.serverIp : flow.clientIp);
    srcPort = fromClient ? flow.clientPort : flow.serverPort;
    dstPort = fromClient ? flow.serverPort : flow.clientPort;
    // Snort prints a pseudo packet's payload length: the PDU's bytes, no IP or TCP header.
    pktLen = u.pduLen !== undefined && u.pduLen >= 0 ? u.pduLen : u.len;
    src = fromClient ? flow.clientIp : flow.serverIp;
    dst = fromClient ? flow.serverIp : flow.clientIp;
  } else {
    srcAddr = ipText(ver, pkt.src);
    dstAddr = ipText(ver, pkt.dst);
  }
  const cls = r.classtype === null ? null : classificationOf(r.classtype);
  const icmp = proto === IpProto.ICMP || proto === IpProto.ICMPV6;
  const cid = communityId(
    ver,
    proto,
    src,
    dst,
    icmp ? Math.max(0, pkt.icmpType) : (srcPort ?? 0),
    icmp ? Math.max(0, pkt.icmpCode) : (dstPort ?? 0),
  );
  // A PDU carries the time of its first byte's segment (Snort's reassembled packet), the raw packet its own.
  const us = pdu && u.pduUs !== undefined && u.pduUs > 0 ? u.pduUs : -1;
  return {
    tsSec: us > 0 ? Math.floor(us / 1e6) : pkt.tsSec,
    tsUsec: us > 0 ? us % 1e6 : pkt.tsUsec,
    pktNum: pkt.num,
    proto: protoName(proto),
    pktLen,
    dir: flow === null ? 'UNK' : u.dir === 0 ? 'C2S' : 'S2C',
    ipVer: ver,
    srcAddr,
    dstAddr,
    srcPort,
    dstPort,
    gid: r.gid,
    sid: r.sid,
    rev: r.rev,
    msg: r.msg,
    classDesc: cls?.description ?? null,
    classtype: r.classtype,
    priority: r.priority,
    ruleAction: r.action,
    service: flow?.service ?? null,
    rebuilt: u.rebuilt,
    communityId: cid,
  };
}
