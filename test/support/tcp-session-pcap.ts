import { pcapFile } from '../../src/packet/testkit-capture.js';
import { ethernet, ipv4, tcp } from '../../src/packet/testkit.js';

/** One TCP connection: handshake, the request, the response, and an orderly close. */
export interface TcpExchange {
  client: string;
  server: string;
  clientPort: number;
  serverPort: number;
  request: Uint8Array;
  response: Uint8Array;
}

const SYN = 0x02;
const ACK = 0x10;
const PSH_ACK = 0x18;
const FIN_ACK = 0x11;
const MSS = 1400;

/**
 * A pcap of whole TCP sessions, one after another (1 ms between packets), data cut into MSS-sized segments
 * and acknowledged as a real stack would, so the flow engine reassembles and flushes them. Test support.
 */
export function exchangesPcap(xs: readonly TcpExchange[], t0 = 1_700_000_000): Uint8Array {
  const frames: Uint8Array[] = [];
  for (const x of xs) frames.push(...sessionFrames(x));
  return pcapFile(
    frames.map((data, i) => ({ data, tsSec: t0 + Math.floor(i / 1000), tsFrac: (i % 1000) * 1000 })),
  );
}

function sessionFrames(x: TcpExchange): Uint8Array[] {
  const out: Uint8Array[] = [];
  const seg = (fromClient: boolean, seq: number, ack: number, flags: number, payload?: Uint8Array): void => {
    const t = tcp({
      sport: fromClient ? x.clientPort : x.serverPort,
      dport: fromClient ? x.serverPort : x.clientPort,
      seq,
      ack,
      flags,
      payload: payload ?? [],
    });
    const ip = ipv4({
      src: fromClient ? x.client : x.server,
      dst: fromClient ? x.server : x.client,
      proto: 6,
      payload: t,
    });
    out.push(ethernet(0x0800, ip));
  };
  let c = 1000;
  let s = 5000;
  seg(true, c, 0, SYN);
  seg(false, s, c + 1, SYN | ACK);
  c++;
  s++;
  seg(true, c, s, ACK);
  for (let i = 0; i < x.request.length; i += MSS) {
    const part = x.request.subarray(i, i + MSS);
    seg(true, c, s, PSH_ACK, part);
    c += part.length;
  }
  seg(false, s, c, ACK);
  for (let i = 0; i < x.response.length; i += MSS) {
    const part = x.response.subarray(i, i + MSS);
    seg(false, s, c, PSH_ACK, part);
    s += part.length;
  }
  seg(true, c, s, ACK);
  seg(true, c, s, FIN_ACK);
  seg(false, s, c + 1, FIN_ACK);
  seg(true, c + 1, s + 1, ACK);
  return out;
}
