import { COMMUNITY_ID, zeekColumns, type ConnIdFields, type LogStream } from '../types.js';

/** dns.log: one row per query/response pair (Zeek's DNS::Info). */
export const DNS_STREAM: LogStream = {
  path: 'dns',
  fields: [
    ...zeekColumns(
      `ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto trans_id rtt query qclass qclass_name qtype
       qtype_name rcode rcode_name AA TC RD RA Z answers TTLs rejected opcode opcode_name`,
      `time string addr port addr port enum count interval string count string count
       string count string bool bool bool bool count vector[string] vector[interval] bool count string`,
    ),
    COMMUNITY_ID,
  ],
};

export type DnsRecord = ConnIdFields & {
  proto: 'udp' | 'tcp';
  trans_id: number;
  rtt: number | null;
  query: string | null;
  qclass: number | null;
  qclass_name: string | null;
  qtype: number | null;
  qtype_name: string | null;
  rcode: number | null;
  rcode_name: string | null;
  AA: boolean;
  TC: boolean;
  RD: boolean;
  RA: boolean;
  Z: number;
  answers: readonly string[] | null;
  TTLs: readonly number[] | null;
  rejected: boolean;
  opcode: number | null;
  opcode_name: string | null;
  community_id: string | null;
};
