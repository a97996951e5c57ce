import { u16be } from '../core/bytes.js';
import { looksLikeDce } from './dce/pdu.js';
import { looksLikeSmb } from './smb/detect.js';

/**
 * Application service of a flow, with Snort 3's service names. Content decides when either direction's
 * first bytes are recognised (HTTP on port 22 is `http`); the port table is the fallback.
 */

// prettier-ignore
const TCP_PORTS: Record<number, string> = {
  21: 'ftp', 22: 'ssh', 23: 'telnet', 25: 'smtp', 53: 'dns', 80: 'http', 110: 'pop3', 111: 'sunrpc',
  135: 'dcerpc', 139: 'netbios-ssn', 143: 'imap', 389: 'ldap', 443: 'ssl', 445: 'netbios-ssn', 465: 'ssl',
  587: 'smtp', 636: 'ssl', 993: 'ssl', 995: 'ssl', 1433: 'mssql', 3306: 'mysql', 3389: 'rdp',
  5432: 'postgresql', 6379: 'redis', 8000: 'http', 8080: 'http', 8443: 'ssl', 8888: 'http', 5060: 'sip',
  6443: 'ssl', 10250: 'ssl', 2379: 'ssl',
};

// prettier-ignore
const UDP_PORTS: Record<number, string> = {
  53: 'dns', 67: 'dhcp', 68: 'dhcp', 69: 'tftp', 123: 'ntp', 137: 'netbios-ns', 138: 'netbios-dgm',
  161: 'snmp', 162: 'snmp', 514: 'syslog', 1900: 'ssdp', 5060: 'sip', 5353: 'dns', 5355: 'dns',
};

const HTTP_METHODS = [
  'GET ',
  'POST ',
  'HEAD ',
  'PUT ',
  'DELETE ',
  'OPTIONS ',
  'PATCH ',
  'CONNECT ',
  'TRACE ',
  'PROPFIND ',
];

function startsWith(b: Uint8Array | null, s: string): boolean {
  if (b === null || b.length < s.length) return false;
  for (let i = 0; i < s.length; i++) if (b[i] !== s.charCodeAt(i)) return false;
  return true;
}

function isHttpRequest(b: Uint8Array | null): boolean {
  return HTTP_METHODS.some((m) => startsWith(b, m));
}

function isHttpResponse(b: Uint8Array | null): boolean {
  return startsWith(b, 'HTTP/1.') || startsWith(b, 'HTTP/2');
}

/** A TLS record header (handshake/alert/CCS, version 3.x) or an SSLv2 ClientHello. */
function isTls(b: Uint8Array | null): boolean {
  if (b === null || b.length < 3) return false;
  const t = b[0]!;
  if (t >= 20 && t <= 23 && b[1] === 3 && b[2]! <= 4) return true;
  return (t & 0x80) !== 0 && b[2] === 1 && b.length >= 5 && (b[3] === 0 || b[3] === 3);
}

/**
 * A plausible DNS header: known opcode, sane counts, and for queries exactly one question. `tcp` skips
 * the 2-byte length prefix (which must then match the bytes available or exceed them).
 */
function isDns(b: Uint8Array | null, tcp: boolean): boolean {
  if (b === null) return false;
  const o = tcp ? 2 : 0;
  if (b.length < o + 12) return false;
  if (tcp && u16be(b, 0) < 12) return false;
  const flags = u16be(b, o + 2);
  const qr = (flags & 0x8000) !== 0;
  const opcode = (flags >> 11) & 0xf;
  if (opcode > 6 || opcode === 3) return false;
  const qd = u16be(b, o + 4);
  const an = u16be(b, o + 6);
  const ns = u16be(b, o + 8);
  const ar = u16be(b, o + 10);
  if (qd > 25 || an + ns + ar > 512) return false;
  if (!qr) return qd === 1 && an === 0;
  return qd <= 1;
}

/** First bytes of each direction (null or empty when that side has sent nothing yet). */
export function identifyService(
  proto: 6 | 17,
  sport: number,
  dport: number,
  toServer: Uint8Array | null,
  toClient: Uint8Array | null,
): string | null {
  if (proto === 6) {
    if (isHttpRequest(toServer) || isHttpResponse(toClient)) return 'http';
    if (isTls(toServer) || isTls(toClient)) return 'ssl';
    if (startsWith(toServer, 'SSH-') || startsWith(toClient, 'SSH-')) return 'ssh';
  }
  const ports = proto === 6 ? TCP_PORTS : UDP_PORTS;
  const byPort = ports[dport] ?? ports[sport] ?? null;
  // DCE/RPC (dynamic endpoint ports) and SMB by content where no port service claims the flow.
  if (proto === 6 && byPort === null) {
    if (looksLikeDce(toServer) || looksLikeDce(toClient)) return 'dcerpc';
    if (looksLikeSmb(toServer) || looksLikeSmb(toClient)) return 'netbios-ssn';
  }
  // DNS by content only where it is plausible and no other port service claims the flow.
  if (
    (byPort === null || byPort === 'dns') &&
    (isDns(toServer, proto === 6) || isDns(toClient, proto === 6))
  ) {
    return 'dns';
  }
  return byPort;
}
