import { COMMUNITY_ID, zeekColumns, type LogStream } from '../types.js';

/** weird.log: named protocol anomalies (Zeek's Weird::Info). Connection fields are unset for flowless weirds. */
export const WEIRD_STREAM: LogStream = {
  path: 'weird',
  fields: [
    ...zeekColumns(
      'ts uid id.orig_h id.orig_p id.resp_h id.resp_p name addl notice peer source',
      'time string addr port addr port string string bool string string',
    ),
    COMMUNITY_ID,
  ],
};

export type WeirdRecord = {
  ts: number;
  uid: string | null;
  'id.orig_h': string | null;
  'id.orig_p': number | null;
  'id.resp_h': string | null;
  'id.resp_p': number | null;
  name: string;
  addl: string | Uint8Array | null;
  notice: boolean;
  /** Zeek's node name; Vigil's node name when known. */
  peer: string | null;
  /** The analyzer that raised it (`TCP`, `HTTP`, `DNS` …). */
  source: string | null;
  community_id: string | null;
};
