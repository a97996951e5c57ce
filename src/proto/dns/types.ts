/** Parsed DNS message (RFC 1035 and successors). Names are dotted, without the trailing dot; root is ''. */

export interface DnsHeader {
  id: number;
  qr: boolean;
  opcode: number;
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  /** Bits 4..6 of the flags word (Z, AD, CD), as Zeek's `Z`. */
  z: number;
  rcode: number;
  qdcount: number;
  ancount: number;
  nscount: number;
  arcount: number;
}

export interface DnsQuestion {
  name: string;
  qtype: number;
  qclass: number;
}

export interface EdnsOption {
  code: number;
  data: Uint8Array;
}

export interface SvcParam {
  key: number;
  value: Uint8Array;
}

/** Decoded RDATA by record type; `raw` for types not decoded (and any RDATA that did not parse). */
export type DnsRdata =
  | { kind: 'addr'; addr: string }
  | { kind: 'name'; name: string }
  | { kind: 'mx'; preference: number; name: string }
  | { kind: 'txt'; strings: string[] }
  | {
      kind: 'soa';
      mname: string;
      rname: string;
      serial: number;
      refresh: number;
      retry: number;
      expire: number;
      minimum: number;
    }
  | { kind: 'srv'; priority: number; weight: number; port: number; target: string }
  | { kind: 'caa'; flags: number; tag: string; value: string }
  | { kind: 'ds'; keyTag: number; algorithm: number; digestType: number; digest: string }
  | { kind: 'dnskey'; flags: number; protocol: number; algorithm: number }
  | {
      kind: 'rrsig';
      typeCovered: number;
      algorithm: number;
      labels: number;
      originalTtl: number;
      expiration: number;
      inception: number;
      keyTag: number;
      signer: string;
    }
  | { kind: 'nsec'; next: string; types: number[] }
  | {
      kind: 'opt';
      udpSize: number;
      extRcode: number;
      version: number;
      dnssecOk: boolean;
      options: EdnsOption[];
    }
  | { kind: 'svcb'; priority: number; target: string; params: SvcParam[] }
  | { kind: 'raw'; data: Uint8Array };

export const DnsSection = { ANSWER: 1, AUTHORITY: 2, ADDITIONAL: 3 } as const;

export interface DnsRR {
  section: 1 | 2 | 3;
  name: string;
  type: number;
  /** CLASS field (for OPT: the requestor's UDP payload size). */
  rrclass: number;
  ttl: number;
  rdata: DnsRdata;
}

export interface DnsMessage {
  header: DnsHeader;
  questions: DnsQuestion[];
  answers: DnsRR[];
  authority: DnsRR[];
  additional: DnsRR[];
  /** True when the counts promised more than the message held (parsing stopped at the first bad part). */
  truncated: boolean;
}
