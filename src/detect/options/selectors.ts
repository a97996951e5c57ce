import { BufferId } from '../buffers.js';
import { defineOption, fail, nameValue, noArgs, splitArgs, type OptionSpec } from '../option.js';

/** A sticky-buffer selector: later payload options read this buffer. */
export interface SelectorState {
  id: number;
  /** `http_header: field x` / `http_uri: path` part, lower-case; null for the whole buffer. */
  field: string | null;
}

const URI_PARTS = ['scheme', 'host', 'port', 'path', 'query', 'fragment'];
const HTTP_MODS = ['request', 'with_body', 'with_header', 'with_trailer'];

function parseHttp(name: string, args: string | null, fields: boolean, uriParts: boolean): string | null {
  if (args === null || args.trim() === '') return null;
  let field: string | null = null;
  for (const p of splitArgs(args)) {
    const [n, v] = nameValue(p);
    if (fields && n === 'field' && v !== '') field = v.toLowerCase();
    else if (uriParts && URI_PARTS.includes(n)) field = n;
    else if (!HTTP_MODS.includes(n)) fail(`${name}: unknown argument '${p}'`);
  }
  return field;
}

export function selectorOption(name: keyof typeof BufferId, help: string): OptionSpec<SelectorState> {
  const id = BufferId[name];
  const http = name.startsWith('http_');
  const fields =
    name === 'http_header' ||
    name === 'http_raw_header' ||
    name === 'http_trailer' ||
    name === 'http_raw_trailer';
  const uri = name === 'http_uri' || name === 'http_raw_uri';
  return defineOption<SelectorState>({
    name,
    kind: 'selector',
    help,
    params: http
      ? [
          ...(fields
            ? [{ name: 'field', type: 'string' as const, help: 'restrict to this header field' }]
            : []),
          ...(uri
            ? [
                {
                  name: 'scheme | host | port | path | query | fragment',
                  type: 'implied' as const,
                  help: 'one URI part',
                },
              ]
            : []),
          {
            name: 'request | with_body | with_header | with_trailer',
            type: 'implied',
            help: 'accepted; the unit decides',
          },
        ]
      : [],
    parse(args) {
      if (!http) {
        noArgs(name, args);
        return { id, field: null };
      }
      return { id, field: parseHttp(name, args, fields, uri) };
    },
    eval(s, ctx) {
      return ctx.select(s.id, s.field);
    },
    key: (s) => `sel:${s.id}:${s.field ?? ''}`,
  });
}

export const PktDataOption = selectorOption(
  'pkt_data',
  'rule option to set the detection cursor to the normalized packet data',
);
export const RawDataOption = selectorOption(
  'raw_data',
  'rule option to set the detection cursor to the raw packet data',
);
export const Base64DataOption = selectorOption(
  'base64_data',
  'set the detection cursor to the last base64_decode output',
);
export const FileDataOption = selectorOption(
  'file_data',
  'rule option to set the detection cursor to file data',
);
export const JsDataOption = selectorOption(
  'js_data',
  'rule option to set the detection cursor to normalized JavaScript data',
);
export const VbaDataOption = selectorOption(
  'vba_data',
  'rule option to set the detection cursor to MS Office VBA macro data',
);
export const DceStubDataOption = selectorOption('dce_stub_data', 'sets the cursor to DCE/RPC stub data');
export const SipHeaderOption = selectorOption(
  'sip_header',
  'rule option to set the detection cursor to the SIP header buffer',
);
export const SipBodyOption = selectorOption(
  'sip_body',
  'rule option to set the detection cursor to the SIP body buffer',
);

const HTTP_BUFFERS = [
  ['http_uri', 'normalized URI'],
  ['http_raw_uri', 'raw URI'],
  ['http_header', 'normalized headers'],
  ['http_raw_header', 'raw headers'],
  ['http_cookie', 'normalized cookie'],
  ['http_raw_cookie', 'raw cookie'],
  ['http_client_body', 'request body'],
  ['http_raw_body', 'raw body'],
  ['http_method', 'request method'],
  ['http_stat_code', 'response status code'],
  ['http_stat_msg', 'response reason phrase'],
  ['http_version', 'version'],
  ['http_raw_request', 'raw request line'],
  ['http_raw_status', 'raw status line'],
  ['http_true_ip', 'final client IP from proxy headers'],
  ['http_param', 'one request parameter'],
  ['http_trailer', 'normalized trailers'],
  ['http_raw_trailer', 'raw trailers'],
] as const;

/** All http_* selectors by name. */
export const HttpSelectors: Record<string, OptionSpec<SelectorState>> = Object.fromEntries(
  HTTP_BUFFERS.map(([n, what]) => [
    n,
    selectorOption(n, `rule option to set the detection cursor to the HTTP ${what}`),
  ]),
);
