import { COMMUNITY_ID, zeekColumns, type ConnIdFields, type LogStream } from '../types.js';

/** ssl.log: one row per TLS session (Zeek's SSL::Info). */
export const SSL_STREAM: LogStream = {
  path: 'ssl',
  fields: [
    ...zeekColumns(
      `ts uid id.orig_h id.orig_p id.resp_h id.resp_p version cipher curve server_name resumed last_alert
       next_protocol established ssl_history cert_chain_fps client_cert_chain_fps sni_matches_cert`,
      `time string addr port addr port string string string string bool string
       string bool string vector[string] vector[string] bool`,
    ),
    COMMUNITY_ID,
  ],
};

export type SslRecord = ConnIdFields & {
  version: string | null;
  cipher: string | null;
  curve: string | null;
  server_name: string | Uint8Array | null;
  resumed: boolean;
  last_alert: string | null;
  next_protocol: string | Uint8Array | null;
  established: boolean;
  ssl_history: string;
  cert_chain_fps: readonly string[] | null;
  client_cert_chain_fps: readonly string[] | null;
  sni_matches_cert: boolean | null;
  community_id: string | null;
};
