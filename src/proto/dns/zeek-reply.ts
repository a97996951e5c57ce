import { hex } from '../../core/bytes.js';
import { DnsType } from './consts.js';
import type { DnsRR } from './types.js';

/**
 * The text Zeek's dns.log puts in `answers` for one answer record (the `do_reply` strings of
 * scripts/base/protocols/dns/main.zeek). '' = the record counts as an answer (sets rtt, AA, RA) but adds
 * no text (WKS); null = Zeek raises no reply event for it, so it does not show in the log at all.
 */
export function zeekReply(rr: DnsRR, netbios: boolean, update: boolean): string | null {
  const r = rr.rdata;
  switch (r.kind) {
    case 'addr':
      return update && !netbios ? `${rr.type === DnsType.A ? 'A' : 'AAAA'} ${rr.name} ${r.addr}` : r.addr;
    case 'name':
      return rr.type === DnsType.DNAME ? null : r.name;
    case 'mx':
      return r.name;
    case 'soa':
      return r.mname;
    case 'srv':
      // On the NetBIOS name service type 33 is NBSTAT, which Zeek does not parse.
      return netbios ? null : r.target;
    case 'txt': {
      const tag = rr.type === DnsType.SPF ? 'SPF' : 'TXT';
      return r.strings.map((s) => `${tag} ${s.length} ${s}`).join(' ');
    }
    case 'rrsig':
      return `RRSIG ${r.typeCovered} ${r.signer === '' ? '<Root>' : r.signer}`;
    case 'dnskey':
      return `DNSKEY ${r.algorithm}`;
    case 'nsec':
      return `NSEC ${rr.name} ${r.next}`;
    case 'ds':
      return `DS ${r.algorithm} ${r.digestType}`;
    case 'caa':
    case 'svcb':
    case 'opt':
      return null;
    case 'raw':
      return rawReply(rr, r.data, netbios);
  }
}

/** Types kept raw here but known to Zeek (parsed there, logged or not); anything else is `<unknown type=N>`. */
function rawReply(rr: DnsRR, data: Uint8Array, netbios: boolean): string | null {
  switch (rr.type) {
    case DnsType.WKS:
      return '';
    case DnsType.NSEC3:
      return 'NSEC3';
    case DnsType.NSEC3PARAM:
      return 'NSEC3PARAM';
    case DnsType.SSHFP:
      return data.length >= 2 ? `SSHFP: ${hex(data, 2)}` : null;
    case 65534:
      return 'BIND9 signing signal';
    case DnsType.HINFO:
    case DnsType.NAPTR:
    case DnsType.TSIG:
    case DnsType.CAA:
    case DnsType.SVCB:
    case DnsType.HTTPS:
    case 29: // LOC
      return null;
    case DnsType.A:
    case DnsType.AAAA:
      return null;
    case DnsType.SRV:
    case 32: // NetBIOS NB
      return netbios ? null : `<unknown type=${rr.type}>`;
    default:
      return `<unknown type=${rr.type}>`;
  }
}
