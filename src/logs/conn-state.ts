import { Ep } from './tcp-endpoint.js';

/** Zeek's UDP endpoint states (also used here for ICMP and other protocols). */
export const UdpEp = { INACTIVE: 0, ACTIVE: 1 } as const;

export interface EndpointView {
  state: number;
  size: number;
}

const RSTOS0 = /^\^?S[^HAFGIQ]*R.*$/;

/** conn_state of a TCP connection (scripts/base/protocols/conn/main.zeek, `conn_state`). */
export function tcpConnState(o: EndpointView, r: EndpointView, history: string): string {
  const os = o.state;
  const rs = r.state;
  const oInactive = os === Ep.INACTIVE || os === Ep.PARTIAL;
  const rInactive = rs === Ep.INACTIVE || rs === Ep.PARTIAL;
  if (rs === Ep.RESET) {
    if (os === Ep.SYN_SENT || os === Ep.SYN_ACK_SENT || (os === Ep.RESET && o.size === 0 && r.size === 0)) {
      return 'REJ';
    }
    return oInactive ? 'RSTRH' : 'RSTR';
  }
  if (os === Ep.RESET) {
    if (rInactive) return RSTOS0.test(history) ? 'RSTOS0' : 'OTH';
    return 'RSTO';
  }
  if (rs === Ep.CLOSED && os === Ep.CLOSED) return 'SF';
  if (os === Ep.CLOSED) return rInactive ? 'SH' : 'S2';
  if (rs === Ep.CLOSED) return oInactive ? 'SHR' : 'S3';
  if (os === Ep.SYN_SENT && rs === Ep.INACTIVE) return 'S0';
  if (os === Ep.ESTABLISHED && rs === Ep.ESTABLISHED) return 'S1';
  return 'OTH';
}

/** conn_state of a UDP flow: who sent anything. */
export function udpConnState(origActive: boolean, respActive: boolean): string {
  if (origActive) return respActive ? 'SF' : 'S0';
  return respActive ? 'SHR' : 'OTH';
}
