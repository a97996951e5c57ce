/**
 * Snort 2 / Suricata content-modifier style → canonical Snort 3 options. In the old style a modifier
 * (nocase, depth:4, http_uri, rawbytes …) written after a content changes that one content; in Snort 3
 * modifiers live inside the content's args and buffers are sticky (they apply to what follows).
 * Detection rule and conversion are described in NOTES.md.
 */
import type { RuleOption } from './ast.js';

/** Legacy buffer modifiers → the Snort 3 sticky buffer (`name` or `name:args`) they select. */
export const LEGACY_BUFFERS: Readonly<Record<string, string>> = {
  http_uri: 'http_uri',
  http_raw_uri: 'http_raw_uri',
  http_header: 'http_header',
  http_raw_header: 'http_raw_header',
  http_client_body: 'http_client_body',
  http_cookie: 'http_cookie',
  http_raw_cookie: 'http_raw_cookie',
  http_method: 'http_method',
  http_stat_code: 'http_stat_code',
  http_stat_msg: 'http_stat_msg',
  // Suricata-only modifiers, mapped to the nearest Snort 3 buffer.
  http_user_agent: 'http_header:field user-agent',
  http_host: 'http_header:field host',
  http_raw_host: 'http_raw_header:field host',
  http_server_body: 'file_data',
  http_request_line: 'http_raw_request',
  http_response_line: 'http_raw_status',
};

/** Suricata sticky buffer names → Snort 3 (same sticky semantics, so renamed in every rule). */
export const SURICATA_BUFFERS: Readonly<Record<string, string>> = {
  'http.uri': 'http_uri',
  'http.uri.raw': 'http_raw_uri',
  'http.method': 'http_method',
  'http.header': 'http_header',
  'http.header.raw': 'http_raw_header',
  'http.cookie': 'http_cookie',
  'http.request_body': 'http_client_body',
  'http.client_body': 'http_client_body',
  'http.response_body': 'file_data',
  'http.stat_code': 'http_stat_code',
  'http.stat_msg': 'http_stat_msg',
  'http.user_agent': 'http_header:field user-agent',
  'http.host': 'http_header:field host',
  'http.request_line': 'http_raw_request',
  'http.response_line': 'http_raw_status',
  'file.data': 'file_data',
};

/** Renames Suricata sticky buffers in place of use; other options are returned as they are. */
export function renameSuricataBuffers(opts: RuleOption[]): RuleOption[] {
  if (!opts.some((o) => SURICATA_BUFFERS[o.name] !== undefined)) return opts;
  return opts.map((o) => {
    const spec = SURICATA_BUFFERS[o.name];
    return spec === undefined ? o : bufferOption(spec, o);
  });
}

/** Content modifiers that Snort 3 writes inside the content's args. */
const CONTENT_MODS = new Set(['nocase', 'depth', 'offset', 'distance', 'within', 'fast_pattern', 'rawbytes']);

/** Snort 3 sticky buffer keywords (besides the legacy modifier names, which are sticky in Snort 3 too). */
export const STICKY_BUFFERS = new Set([
  'pkt_data',
  'raw_data',
  'file_data',
  'base64_data',
  'js_data',
  'vba_data',
  'http_raw_body',
  'http_raw_request',
  'http_raw_status',
  'http_trailer',
  'http_raw_trailer',
  'http_version',
  'http_true_ip',
  'http_param',
  'sip_header',
  'sip_body',
  'dce_stub_data',
  'dnp3_data',
  'modbus_data',
  'ssl_data',
  ...Object.keys(LEGACY_BUFFERS),
]);

/** Suricata / Snort 2 pcre buffer flags. 'B' (rawbytes) is dropped without a buffer. */
const PCRE_FLAGS: Readonly<Record<string, string>> = {
  U: 'http_uri',
  I: 'http_raw_uri',
  H: 'http_header',
  D: 'http_raw_header',
  P: 'http_client_body',
  C: 'http_cookie',
  K: 'http_raw_cookie',
  M: 'http_method',
  S: 'http_stat_code',
  Y: 'http_stat_msg',
  B: '',
};

interface PcreParts {
  args: string;
  buffer: string | null;
  hadFlags: boolean;
}

/** Removes buffer flags from `pcre:"/re/flags"` args. */
export function splitPcreFlags(args: string): PcreParts {
  const q0 = args.indexOf('"');
  const q1 = args.lastIndexOf('"');
  const slash = args.lastIndexOf('/', q1);
  if (q0 < 0 || q1 <= q0 || slash <= q0 + 1) return { args, buffer: null, hadFlags: false };
  let kept = '';
  let buffer: string | null = null;
  let hadFlags = false;
  for (const f of args.slice(slash + 1, q1)) {
    const b = PCRE_FLAGS[f];
    if (b === undefined) kept += f;
    else {
      hadFlags = true;
      if (b !== '' && buffer === null) buffer = b;
    }
  }
  return { args: args.slice(0, slash + 1) + kept + args.slice(q1), buffer, hadFlags };
}

const isContent = (n: string): boolean => n === 'content' || n === 'uricontent';
/**
 * Options that inspect the current buffer: one of these after `content; http_uri;` means http_uri is a
 * Snort 3 sticky buffer (e.g. `http_raw_uri; bufferlen:>500;`). base64_decode is deliberately absent: in
 * the old style it decodes relative to the preceding content and base64_data follows it.
 */
const USES_BUFFER = new Set([
  'content',
  'pcre',
  'regex',
  'bufferlen',
  'isdataat',
  'byte_test',
  'byte_jump',
  'byte_extract',
  'byte_math',
]);

/** True when the rule is written in the old modifier style (see NOTES.md for the three conditions). */
export function isLegacy(opts: readonly RuleOption[]): boolean {
  for (let i = 0; i < opts.length; i++) {
    const o = opts[i]!;
    if (CONTENT_MODS.has(o.name) || o.name === 'uricontent') return true;
    if (o.name === 'pcre' && o.args !== null && splitPcreFlags(o.args).hadFlags) return true;
    if (LEGACY_BUFFERS[o.name] !== undefined && i > 0 && isContent(opts[i - 1]!.name)) {
      let j = i + 1;
      while (j < opts.length && !USES_BUFFER.has(opts[j]!.name) && !STICKY_BUFFERS.has(opts[j]!.name)) j++;
      if (j === opts.length || !USES_BUFFER.has(opts[j]!.name)) return true;
    }
  }
  return false;
}

export interface LegacyProblem {
  opt: RuleOption;
  message: string;
}

interface Match {
  opt: RuleOption;
  mods: string[];
  buffer: string | null;
}

type Slot = { match: Match } | { sticky: string; opt: RuleOption } | { opt: RuleOption };

function modText(o: RuleOption): string {
  const a = o.args?.trim() ?? '';
  if (o.name === 'fast_pattern') {
    if (a === '' || a === 'only') return 'fast_pattern';
    const [off, len] = a.split(',').map((s) => s.trim());
    return `fast_pattern,fast_pattern_offset ${off ?? '0'},fast_pattern_length ${len ?? ''}`;
  }
  return a === '' ? o.name : `${o.name} ${a}`;
}

/** Pass 1: attach modifiers to their content and note buffer switches. */
function collect(opts: readonly RuleOption[], problems: LegacyProblem[]): Slot[] {
  const slots: Slot[] = [];
  let last: Match | null = null;
  let prevAttached = false; // the previous option was a content or something attached to it
  for (const o of opts) {
    const target = LEGACY_BUFFERS[o.name];
    if (isContent(o.name)) {
      last = {
        opt: { ...o, name: 'content' },
        mods: [],
        buffer: o.name === 'uricontent' ? 'http_uri' : null,
      };
      slots.push({ match: last });
      prevAttached = true;
    } else if (CONTENT_MODS.has(o.name)) {
      if (!last) problems.push({ opt: o, message: `'${o.name}' without a preceding content` });
      else if (o.name === 'rawbytes') last.buffer = 'raw_data';
      else last.mods.push(modText(o));
      prevAttached = last !== null;
    } else if (target !== undefined && prevAttached && last) {
      last.buffer = target;
    } else if (o.name === 'pcre' && o.args !== null) {
      const p = splitPcreFlags(o.args);
      slots.push({ match: { opt: { ...o, args: p.args }, mods: [], buffer: p.buffer } });
      prevAttached = false;
    } else {
      if (target !== undefined) slots.push({ sticky: target, opt: o });
      else if (STICKY_BUFFERS.has(o.name))
        slots.push({ sticky: o.name === 'pkt_data' ? '' : o.name, opt: o });
      else slots.push({ opt: o });
      prevAttached = false;
    }
  }
  return slots;
}

function bufferOption(spec: string, at: RuleOption): RuleOption {
  if (spec === '') return { name: 'pkt_data', args: null, line: at.line, col: at.col };
  const colon = spec.indexOf(':');
  return colon < 0
    ? { name: spec, args: null, line: at.line, col: at.col }
    : { name: spec.slice(0, colon), args: spec.slice(colon + 1), line: at.line, col: at.col };
}

/** Converts a legacy-style option list to Snort 3 form. */
export function convertLegacy(opts: readonly RuleOption[], problems: LegacyProblem[]): RuleOption[] {
  const out: RuleOption[] = [];
  let sticky = '';
  let emitted = '';
  for (const s of collect(opts, problems)) {
    if ('match' in s) {
      const m = s.match;
      const want = m.buffer ?? sticky;
      if (want !== emitted) {
        out.push(bufferOption(want, m.opt));
        emitted = want;
      }
      const args = m.mods.length === 0 ? m.opt.args : `${m.opt.args ?? ''},${m.mods.join(',')}`;
      out.push({ ...m.opt, args });
    } else if ('sticky' in s) {
      sticky = s.sticky;
      emitted = s.sticky;
      out.push(bufferOption(s.sticky, s.opt));
    } else {
      out.push(s.opt);
    }
  }
  return out;
}
