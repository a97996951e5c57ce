import { IpProto } from '../packet/packet.js';

/**
 * Zeek's `likely_server_ports` with its default scripts loaded: the ports each protocol analyzer
 * registers (dns, http, ssl, ssh, smtp, ftp, …). Used only to decide who originated a connection
 * whose first packet is not a SYN.
 */
export const LIKELY_SERVER_PORTS = {
  tcp: [
    21, 22, 23, 25, 53, 80, 81, 88, 102, 110, 135, 139, 143, 389, 443, 445, 502, 563, 585, 587, 614, 631, 636,
    989, 990, 992, 993, 995, 1080, 1434, 1883, 2811, 3128, 3268, 3306, 3389, 5222, 5223, 5269, 5432, 5900,
    5901, 5902, 5903, 5904, 5905, 5906, 6666, 6667, 6668, 6669, 8000, 8080, 8888, 20000,
  ],
  udp: [
    53, 67, 69, 88, 123, 137, 161, 162, 443, 514, 1812, 2123, 2152, 3544, 4789, 5060, 5072, 5353, 5355, 6081,
    20000,
  ],
} as const;

export class ServerPorts {
  private readonly tcp: Set<number>;
  private readonly udp: Set<number>;

  constructor(ports: { tcp: readonly number[]; udp: readonly number[] } = LIKELY_SERVER_PORTS) {
    this.tcp = new Set(ports.tcp);
    this.udp = new Set(ports.udp);
  }

  /**
   * Whether Zeek would make the destination of a connection's first packet its originator
   * (TCPAnalyzer / UDPAnalyzer::WantConnection). TCP: only when the packet is not a plain SYN.
   */
  flip(proto: number, sport: number, dport: number, tcpFlags: number): boolean {
    if (proto === IpProto.TCP) {
      const syn = (tcpFlags & 0x02) !== 0;
      const ack = (tcpFlags & 0x10) !== 0;
      if (syn && !ack) return false;
      if (!this.tcp.has(sport)) return false;
      // Both plausible: flip only a non-SYN packet towards the higher port.
      if (this.tcp.has(dport)) return !syn && sport < dport;
      return true;
    }
    if (proto === IpProto.UDP) return this.udp.has(sport) && !this.udp.has(dport);
    return false;
  }
}
