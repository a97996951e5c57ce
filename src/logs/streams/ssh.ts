import { COMMUNITY_ID, zeekColumns, type ConnIdFields, type LogStream } from '../types.js';

/** ssh.log (Zeek's SSH::Info). Vigil fills what the cleartext banners and key exchange show. */
export const SSH_STREAM: LogStream = {
  path: 'ssh',
  fields: [
    ...zeekColumns(
      `ts uid id.orig_h id.orig_p id.resp_h id.resp_p version auth_success auth_attempts direction client
       server cipher_alg mac_alg compression_alg kex_alg host_key_alg host_key`,
      `time string addr port addr port count bool count enum string
       string string string string string string string`,
    ),
    COMMUNITY_ID,
  ],
};

export type SshRecord = ConnIdFields & {
  version: number | null;
  auth_success: boolean | null;
  auth_attempts: number;
  direction: 'INBOUND' | 'OUTBOUND' | null;
  client: string | Uint8Array | null;
  server: string | Uint8Array | null;
  cipher_alg: string | null;
  mac_alg: string | null;
  compression_alg: string | null;
  kex_alg: string | null;
  host_key_alg: string | null;
  host_key: string | null;
  community_id: string | null;
};
