import type { LogStream } from '../types.js';
import { CONN_STREAM, type ConnRecord } from './conn.js';
import { DNS_STREAM, type DnsRecord } from './dns.js';
import { HTTP_STREAM, type HttpRecord } from './http.js';
import { SSH_STREAM, type SshRecord } from './ssh.js';
import { SSL_STREAM, type SslRecord } from './ssl.js';
import { TUNNEL_STREAM, type TunnelRecord } from './tunnel.js';
import { WEIRD_STREAM, type WeirdRecord } from './weird.js';
import { X509_STREAM, type X509Record } from './x509.js';

/** Every log stream Vigil writes, by Zeek's path name. */
export const LOG_STREAMS = {
  conn: CONN_STREAM,
  dns: DNS_STREAM,
  http: HTTP_STREAM,
  ssl: SSL_STREAM,
  weird: WEIRD_STREAM,
  ssh: SSH_STREAM,
  x509: X509_STREAM,
  tunnel: TUNNEL_STREAM,
} as const satisfies Record<string, LogStream>;

export type StreamName = keyof typeof LOG_STREAMS;

/** The record type of each stream. */
export interface StreamRecords {
  conn: ConnRecord;
  dns: DnsRecord;
  http: HttpRecord;
  ssl: SslRecord;
  weird: WeirdRecord;
  ssh: SshRecord;
  x509: X509Record;
  tunnel: TunnelRecord;
}

/** Streams whose files exist after every run, even when empty (DESIGN.md's `vigil logs` contract). */
export const CONTRACT_STREAMS: readonly StreamName[] = ['conn', 'dns', 'http', 'ssl', 'weird'];

export function isStreamName(s: string): s is StreamName {
  return Object.prototype.hasOwnProperty.call(LOG_STREAMS, s);
}
