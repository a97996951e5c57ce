import { COMMUNITY_ID, zeekColumns, type ConnIdFields, type LogStream } from '../types.js';

/** conn.log: one row per connection (Zeek's Conn::Info, with `ip_proto` as in Zeek 7.1+). */
export const CONN_STREAM: LogStream = {
  path: 'conn',
  fields: [
    ...zeekColumns(
      `ts uid id.orig_h id.orig_p id.resp_h id.resp_p proto service duration orig_bytes resp_bytes
       conn_state local_orig local_resp missed_bytes history orig_pkts orig_ip_bytes resp_pkts resp_ip_bytes
       tunnel_parents ip_proto`,
      `time string addr port addr port enum string interval count count
       string bool bool count string count count count count
       set[string] count`,
    ),
    COMMUNITY_ID,
  ],
};

export type ConnRecord = ConnIdFields & {
  proto: 'tcp' | 'udp' | 'icmp' | 'unknown_transport';
  service: string | null;
  duration: number | null;
  orig_bytes: number | null;
  resp_bytes: number | null;
  conn_state: string;
  local_orig: boolean | null;
  local_resp: boolean | null;
  missed_bytes: number;
  history: string | null;
  orig_pkts: number;
  orig_ip_bytes: number;
  resp_pkts: number;
  resp_ip_bytes: number;
  tunnel_parents: string[] | null;
  ip_proto: number;
  community_id: string;
};
