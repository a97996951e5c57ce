import { IpProto, Packet, TcpFlag } from '../packet/packet.js';

/** Test support: packets built by filling `Packet` fields directly (no decoder involved). */
export interface PktSpec {
  src?: string;
  dst?: string;
  sport?: number;
  dport?: number;
  proto?: number;
  flags?: number;
  seq?: number;
  ack?: number;
  payload?: Uint8Array | string;
  ts?: number;
  num?: number;
  icmpType?: number;
  icmpCode?: number;
  icmpId?: number;
}

export const { SYN, ACK, FIN, RST, PSH } = TcpFlag;
const HDR = 40;

function setAddr(out: Uint8Array, s: string): 4 | 6 {
  out.fill(0);
  if (s.includes(':')) {
    const parts = s.split(':').map((x) => parseInt(x || '0', 16));
    for (let i = 0; i < 8; i++) {
      const v = parts[i] ?? 0;
      out[i * 2] = v >> 8;
      out[i * 2 + 1] = v & 0xff;
    }
    return 6;
  }
  s.split('.').forEach((x, i) => (out[i] = Number(x)));
  return 4;
}

export function bytes(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

export function mkPkt(spec: PktSpec, pkt = new Packet()): Packet {
  pkt.reset();
  const ver = setAddr(pkt.src, spec.src ?? '10.0.0.1');
  setAddr(pkt.dst, spec.dst ?? '10.0.0.2');
  pkt.ipVer = ver;
  if (ver === 4) {
    pkt.src4 = ((pkt.src[0]! << 24) | (pkt.src[1]! << 16) | (pkt.src[2]! << 8) | pkt.src[3]!) >>> 0;
    pkt.dst4 = ((pkt.dst[0]! << 24) | (pkt.dst[1]! << 16) | (pkt.dst[2]! << 8) | pkt.dst[3]!) >>> 0;
  }
  pkt.proto = spec.proto ?? IpProto.TCP;
  pkt.sport = spec.sport ?? 40000;
  pkt.dport = spec.dport ?? 80;
  pkt.tcpFlags = spec.flags ?? ACK;
  pkt.seq = (spec.seq ?? 0) >>> 0;
  pkt.ack = (spec.ack ?? 0) >>> 0;
  if (spec.icmpType !== undefined) {
    pkt.icmpType = spec.icmpType;
    pkt.icmpCode = spec.icmpCode ?? 0;
    pkt.icmpId = spec.icmpId ?? 0;
  }
  const pay = typeof spec.payload === 'string' ? bytes(spec.payload) : (spec.payload ?? new Uint8Array(0));
  const data = new Uint8Array(HDR + pay.length);
  data.set(pay, HDR);
  pkt.data = data;
  pkt.ipOff = 0;
  pkt.ipLen = data.length;
  pkt.caplen = pkt.wirelen = data.length;
  pkt.payOff = HDR;
  pkt.payLen = pay.length;
  pkt.tsSec = spec.ts ?? 1;
  pkt.num = spec.num ?? 0;
  return pkt;
}
