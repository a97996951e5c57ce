import type { DnsLogRecord } from '../../proto/dns/record.js';
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

/** The DNS parser's record (proto/dns) plus the connection fields and Community ID. */
export type DnsRecord = ConnIdFields & Omit<DnsLogRecord, 'ts'> & { community_id: string | null };
