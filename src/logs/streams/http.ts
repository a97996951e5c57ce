import { COMMUNITY_ID, zeekColumns, type ConnIdFields, type LogStream } from '../types.js';

/** http.log: one row per request/response transaction (Zeek's HTTP::Info). */
export const HTTP_STREAM: LogStream = {
  path: 'http',
  fields: [
    ...zeekColumns(
      `ts uid id.orig_h id.orig_p id.resp_h id.resp_p trans_depth method host uri referrer version user_agent
       origin request_body_len response_body_len status_code status_msg info_code info_msg tags username
       password proxied orig_fuids orig_filenames orig_mime_types resp_fuids resp_filenames resp_mime_types`,
      `time string addr port addr port count string string string string string string
       string count count count string count string set[enum] string
       string set[string] vector[string] vector[string] vector[string] vector[string] vector[string] vector[string]`,
    ),
    COMMUNITY_ID,
  ],
};

type Str = string | Uint8Array | null;
type Strs = readonly (string | Uint8Array)[] | null;

export type HttpRecord = ConnIdFields & {
  trans_depth: number;
  method: Str;
  host: Str;
  uri: Str;
  referrer: Str;
  version: Str;
  user_agent: Str;
  origin: Str;
  request_body_len: number;
  response_body_len: number;
  status_code: number | null;
  status_msg: Str;
  info_code: number | null;
  info_msg: Str;
  tags: readonly string[];
  username: Str;
  password: Str;
  proxied: Strs;
  orig_fuids: Strs;
  orig_filenames: Strs;
  orig_mime_types: Strs;
  resp_fuids: Strs;
  resp_filenames: Strs;
  resp_mime_types: Strs;
  community_id: string | null;
};
