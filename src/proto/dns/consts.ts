/** Zeek's names for DNS codes (scripts/base/protocols/dns/consts.zeek), so dns.log reads the same. */

// prettier-ignore
const QTYPES: Record<number, string> = {
  1: 'A', 2: 'NS', 3: 'MD', 4: 'MF', 5: 'CNAME', 6: 'SOA', 7: 'MB', 8: 'MG', 9: 'MR', 10: 'NULL',
  11: 'WKS', 12: 'PTR', 13: 'HINFO', 14: 'MINFO', 15: 'MX', 16: 'TXT', 17: 'RP', 18: 'AFSDB', 19: 'X25',
  20: 'ISDN', 21: 'RT', 22: 'NSAP', 23: 'NSAP-PTR', 24: 'SIG', 25: 'KEY', 26: 'PX', 27: 'GPOS', 28: 'AAAA',
  29: 'LOC', 30: 'NXT', 31: 'EID', 32: 'NIMLOC', 33: 'SRV', 34: 'ATMA', 35: 'NAPTR', 36: 'KX', 37: 'CERT',
  38: 'A6', 39: 'DNAME', 40: 'SINK', 41: 'OPT', 42: 'APL', 43: 'DS', 44: 'SSHFP', 45: 'IPSECKEY',
  46: 'RRSIG', 47: 'NSEC', 48: 'DNSKEY', 49: 'DHCID', 50: 'NSEC3', 51: 'NSEC3PARAM', 52: 'TLSA',
  53: 'SMIMEA', 55: 'HIP', 56: 'NINFO', 57: 'RKEY', 58: 'TALINK', 59: 'CDS', 60: 'CDNSKEY',
  61: 'OPENPGPKEY', 62: 'CSYNC', 63: 'ZONEMD', 64: 'SVCB', 65: 'HTTPS', 99: 'SPF', 100: 'UINFO',
  101: 'UID', 102: 'GID', 103: 'UNSPEC', 104: 'NID', 105: 'L32', 106: 'L64', 107: 'LP', 108: 'EUI48',
  109: 'EUI64', 249: 'TKEY', 250: 'TSIG', 251: 'IXFR', 252: 'AXFR', 253: 'MAILB', 254: 'MAILA', 255: '*',
  256: 'URI', 257: 'CAA', 32768: 'TA', 32769: 'DLV', 65281: 'WINS', 65282: 'WINS-R', 65422: 'XPF',
  65521: 'INTEGRITY',
};

// prettier-ignore
const RCODES: Record<number, string> = {
  0: 'NOERROR', 1: 'FORMERR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 4: 'NOTIMP', 5: 'REFUSED', 6: 'YXDOMAIN',
  7: 'YXRRSET', 8: 'NXRRSet', 9: 'NOTAUTH', 10: 'NOTZONE', 11: 'unassigned-11', 12: 'unassigned-12',
  13: 'unassigned-13', 14: 'unassigned-14', 15: 'unassigned-15', 16: 'BADVERS', 17: 'BADKEY',
  18: 'BADTIME', 19: 'BADMODE', 20: 'BADNAME', 21: 'BADALG', 22: 'BADTRUNC', 23: 'BADCOOKIE', 3842: 'BADSIG',
};

// prettier-ignore
const CLASSES: Record<number, string> = {
  1: 'C_INTERNET', 2: 'C_CSNET', 3: 'C_CHAOS', 4: 'C_HESIOD', 254: 'C_NONE', 255: 'C_ANY',
};

// prettier-ignore
const OPCODES: Record<number, string> = {
  0: 'query', 1: 'iquery', 2: 'server-status', 4: 'notify', 5: 'dynamic-update', 6: 'dso',
};

// prettier-ignore
const NETBIOS_OPCODES: Record<number, string> = {
  0: 'netbios-query', 5: 'netbios-registration', 6: 'netbios-release', 7: 'netbios-wack', 8: 'netbios-refresh',
};

// prettier-ignore
export const DnsType = {
  A: 1, NS: 2, CNAME: 5, SOA: 6, WKS: 11, PTR: 12, HINFO: 13, MX: 15, TXT: 16, AAAA: 28, SRV: 33, NAPTR: 35,
  A6: 38, DNAME: 39, OPT: 41, DS: 43, SSHFP: 44, RRSIG: 46, NSEC: 47, DNSKEY: 48, NSEC3: 50, NSEC3PARAM: 51,
  SVCB: 64, HTTPS: 65, SPF: 99, TSIG: 250, CAA: 257,
} as const;

export const DnsOpcode = { QUERY: 0, NOTIFY: 4, UPDATE: 5 } as const;

export function qtypeName(t: number): string {
  return QTYPES[t] ?? `query-${t}`;
}

export function rcodeName(r: number): string {
  return RCODES[r] ?? `rcode-${r}`;
}

export function qclassName(c: number): string {
  return CLASSES[c] ?? `qclass-${c}`;
}

export function opcodeName(op: number, netbios: boolean): string {
  return netbios ? (NETBIOS_OPCODES[op] ?? `netbios-opcode-${op}`) : (OPCODES[op] ?? `opcode-${op}`);
}
