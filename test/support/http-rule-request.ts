import { parseQuotedPattern } from '../../src/detect/options/pattern.js';
import { splitArgs } from '../../src/detect/option.js';
import type { PortSet, Rule } from '../../src/rules/ast.js';
import { BufferModel, HEADER_START, type ContentSpec } from './buffer-model.js';
import { regexInstance } from './regex-instance.js';

/**
 * From a parsed HTTP rule, an HTTP exchange that satisfies its content / pcre / isdataat / bufferlen options
 * in the buffers they name (http_uri → request target, http_header → header lines, http_client_body → POST
 * body, http_stat_code → status line …), in the direction its `flow` names, on a port its header allows.
 *
 * Eligibility is mechanical: every option is one of SELECTORS or OPTIONS, numeric modifiers are numbers (no
 * byte_extract variables), addresses are `any`, and the construction below succeeds; a failure's reason is
 * returned so skips can be counted. Test support only.
 */
export interface CraftedExchange {
  rule: Rule;
  toClient: boolean;
  serverPort: number;
  /** latin1 text. */
  request: string;
  response: string;
}

export type CraftResult = { ok: true; x: CraftedExchange } | { ok: false; reason: string };

/** Buffer selectors the generator can fill (request side unless the rule looks at responses). */
const SELECTORS = new Set([
  'pkt_data',
  'file_data',
  'http_uri',
  'http_raw_uri',
  'http_method',
  'http_header',
  'http_raw_header',
  'http_cookie',
  'http_raw_cookie',
  'http_client_body',
  'http_raw_body',
  'http_stat_code',
  'http_stat_msg',
]);
const OPTIONS = new Set(['content', 'pcre', 'flow', 'isdataat', 'bufferlen']);
const BODY = new Set(['pkt_data', 'file_data', 'http_raw_body', 'http_client_body']);
/** Buffers a section of the other direction does not carry (response sections do carry the request line). */
const REQUEST_ONLY = new Set(['http_client_body']);
const RESPONSE_ONLY = new Set(['http_stat_code', 'http_stat_msg']);
const FILLS = ['x', 'Q', '7', '_', 'z', 'K'];

class Skip extends Error {}
const skip = (reason: string): never => {
  throw new Skip(reason);
};

export function craftHttpExchange(rule: Rule): CraftResult {
  try {
    return { ok: true, x: craft(rule) };
  } catch (e) {
    if (e instanceof Skip) return { ok: false, reason: e.message };
    throw e;
  }
}

function craft(rule: Rule): CraftedExchange {
  for (const o of rule.options) if (!SELECTORS.has(o.name) && !OPTIONS.has(o.name)) skip(`option ${o.name}`);
  if (!rule.src.any || !rule.dst.any) skip('addresses');
  const flow = rule.options.find((o) => o.name === 'flow')?.args ?? '';
  const toClient = /\b(to_client|from_server)\b/.test(flow);
  const fill = pickFill(rule);
  const models = new Map<string, BufferModel>();
  const model = (key: string): BufferModel => {
    let m = models.get(key);
    const lines = key === 'http_header' || key === 'http_raw_header';
    if (m === undefined) models.set(key, (m = new BufferModel(fill, lines)));
    return m;
  };
  let cur = 'pkt_data';
  for (const o of rule.options) {
    if (SELECTORS.has(o.name)) {
      cur = o.name;
      if (o.args !== null) {
        const f = /^field\s+(\S+)$/.exec(o.args.trim());
        if (o.name !== 'http_header' || f === null) skip(`${o.name}:${o.args}`);
        cur = `http_header:${f![1]!}`;
      }
      continue;
    }
    const m = model(cur);
    if (o.name === 'content') {
      const c = parseContent(o.args ?? '');
      checkContent(c, cur);
      if (!m.placeContent(c)) skip(`content does not fit ${cur}`);
    }
    if (o.name === 'pcre') placePcre(m, o.args ?? '', cur);
    if (o.name === 'isdataat') isdataat(m, o.args ?? '');
    if (o.name === 'bufferlen') bufferlen(m, o.args ?? '');
  }
  const text = (key: string): string => {
    const m = models.get(key);
    if (m === undefined) return '';
    const t = m.finish();
    if (t === null) skip(`checks fail in ${key}`);
    return t!;
  };
  for (const key of models.keys()) {
    const k = key.split(':')[0]!;
    if (toClient ? REQUEST_ONLY.has(k) : RESPONSE_ONLY.has(k))
      skip(`${k} in a ${toClient ? 'response' : 'request'} rule`);
  }
  const request = buildRequest(models, text, toClient);
  const response = buildResponse(models, text, toClient);
  const ports = toClient ? rule.sport : rule.dport;
  return { rule, toClient, serverPort: pickPort(ports), request, response };
}

function buildRequest(
  models: Map<string, BufferModel>,
  text: (k: string) => string,
  toClient: boolean,
): string {
  const uri = requestTarget(
    text('http_uri'),
    models.get('http_uri')?.absolute ?? false,
    models.get('http_raw_uri'),
  );
  const body = toClient ? '' : oneBody(models, text);
  let method = text('http_method');
  if (method === '') method = body === '' ? 'GET' : 'POST';
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(method)) skip('method is not a token');
  const lines = toClient ? [] : headerLines(models, text, 'Cookie');
  lines.push('Host: vigil.test');
  if (body !== '') lines.push(`Content-Length: ${body.length}`);
  return `${method} ${uri} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}

function buildResponse(
  models: Map<string, BufferModel>,
  text: (k: string) => string,
  toClient: boolean,
): string {
  const code = text('http_stat_code') || '200';
  if (!/^[1-5]\d\d$/.test(code)) skip('status code');
  const msg = text('http_stat_msg') || 'OK';
  if (/[\r\n]/.test(msg)) skip('status message');
  const body = toClient ? oneBody(models, text) : '';
  const lines = toClient ? headerLines(models, text, 'Set-Cookie') : [];
  lines.push(`Content-Length: ${body.length}`);
  return `HTTP/1.1 ${code} ${msg}\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** The body buffers all describe the same bytes: at most one may be constrained. */
function oneBody(models: Map<string, BufferModel>, text: (k: string) => string): string {
  const got = [...BODY].filter((k) => models.has(k)).map(text);
  if (got.length > 1) skip('two body buffers');
  return got[0] ?? '';
}

function headerLines(
  models: Map<string, BufferModel>,
  text: (k: string) => string,
  cookie: string,
): string[] {
  const lines: string[] = [];
  for (const key of ['http_header', 'http_raw_header']) {
    let h = text(key);
    // http_header never holds the empty line that ends the head (Snort 2-era contents that expect it).
    if (h.includes('\r\n\r\n')) skip('header text ends the head');
    // The joins below supply the line end after each header text.
    h = h.replace(/\r\n$/, '');
    if (h === '') continue;
    // A constrained header buffer goes first, so offsets from its start hold; text that does not start a
    // header line (a User-Agent fragment …) becomes the value of one.
    lines.push(HEADER_START.test(h) || models.get(key)!.absolute ? h : `X-Test: ${h}`);
  }
  for (const key of models.keys()) {
    if (!key.startsWith('http_header:')) continue;
    lines.push(`${key.slice('http_header:'.length)}: ${text(key)}`);
  }
  for (const key of ['http_cookie', 'http_raw_cookie']) {
    const c = text(key);
    if (c !== '') lines.push(`${cookie}: ${c}`);
  }
  if (lines.some((l) => /\r\n\r\n|\n\n/.test(l))) skip('header text ends the head');
  return lines;
}

/** The request target: the normalized-URI text percent-encoded where it must be, then raw-URI text. */
function requestTarget(u: string, absolute: boolean, rawModel: BufferModel | undefined): string {
  // Raw-URI length bounds apply to the whole target, not to the raw-URI text alone.
  const bounds = { min: rawModel?.minLen ?? 0, max: rawModel?.maxLen ?? Infinity };
  let raw = '';
  if (rawModel !== undefined) {
    rawModel.minLen = 0;
    rawModel.maxLen = Infinity;
    const t = rawModel.finish();
    if (t === null) skip('checks fail in http_raw_uri');
    raw = t!;
  }
  const q = u.indexOf('?');
  const path = q < 0 ? u : u.slice(0, q);
  if (/\/\/|\/\.\.?(\/|$)|\\/.test(path)) skip('uri path would be simplified');
  if (u !== '' && !u.startsWith('/')) {
    if (absolute) skip('uri must start with /');
    u = '/' + u;
  }
  let target = Array.from(u, (ch) => {
    const c = ch.charCodeAt(0);
    return c < 0x21 || c > 0x7e || '%#+"'.includes(ch)
      ? '%' + c.toString(16).toUpperCase().padStart(2, '0')
      : ch;
  }).join('');
  if (raw !== '') {
    if (/[\s]/.test(raw)) skip('raw uri with white space');
    // Raw-URI text goes in the query, where no path simplification can undo it.
    if (target === '' && raw.startsWith('/')) target = raw;
    else if (rawModel!.absolute) skip('raw uri after the uri');
    else target = (target || '/') + (target.includes('?') ? '' : '?') + raw;
  }
  if (target === '') target = '/';
  if (target.length < bounds.min) {
    const sep = target.includes('?') ? '' : '?';
    target += sep + 'x'.repeat(Math.max(0, bounds.min - target.length - sep.length));
  }
  if (target.length < bounds.min || target.length > bounds.max) skip('raw uri length');
  return target === '' ? '/' : target;
}

function parseContent(args: string): ContentSpec {
  const parts = splitArgs(args);
  let first = parts[0]!;
  const negated = first.startsWith('!');
  if (negated) first = first.slice(1).trim();
  const bytes = parseQuotedPattern(first);
  const c: ContentSpec = {
    bytes: String.fromCharCode(...bytes),
    nocase: false,
    negated,
    offset: null,
    depth: null,
    distance: null,
    within: null,
  };
  for (const p of parts.slice(1)) {
    const [k, v] = p.trim().split(/\s+/, 2);
    if (k === 'nocase') c.nocase = true;
    else if (k === 'offset' || k === 'depth' || k === 'distance' || k === 'within') {
      if (v === undefined || !/^-?\d+$/.test(v)) skip(`content ${k} ${v ?? ''}`);
      c[k] = Number(v);
    } else if (k !== 'fast_pattern' && k !== 'fast_pattern_only') skip(`content modifier ${k}`);
  }
  return c;
}

/** Buffers that Snort percent-decodes (classic normalization): `%2e` in them can never be seen. */
const NORMALIZED = /^(http_uri|http_header|http_cookie|http_client_body)/;

/** Contents that no request can put in their buffer, whatever the generator does. */
function checkContent(c: ContentSpec, buffer: string): void {
  if (c.negated) return;
  if (NORMALIZED.test(buffer) && /%[0-9a-fA-F]{2}|%u[0-9a-fA-F]{4}/.test(c.bytes))
    skip('percent-encoded content in a normalized buffer');
  if (/^http_(raw_)?header$/.test(buffer) && /(^|\n)\s*cookie\s*:/i.test(c.bytes))
    skip('cookie line in http_header (Snort 3 keeps cookies out of it)');
  // Framing headers would change how the message is read.
  if (
    /^http_(raw_)?header/.test(buffer) &&
    /transfer-encoding|content-length|content-encoding/i.test(c.bytes)
  )
    skip('framing header in header text');
}

function placePcre(m: BufferModel, args: string, where: string): void {
  let t = args.trim();
  const negated = t.startsWith('!');
  if (negated) t = t.slice(1).trim();
  const match = /^"\/(.*)\/([A-Za-z]*)"$/.exec(t);
  if (match === null) skip('pcre syntax');
  const [, pat, flags] = match!;
  if (/[^ismR]/.test(flags!)) skip(`pcre flags ${flags!}`);
  let re: RegExp;
  try {
    re = new RegExp(
      pat!,
      (flags!.includes('i') ? 'i' : '') +
        (flags!.includes('s') ? 's' : '') +
        (flags!.includes('m') ? 'm' : ''),
    );
  } catch {
    return skip('pcre not a JavaScript regex');
  }
  const inst = regexInstance(pat!, flags!.replace('R', ''));
  if (!negated && inst === null) skip('pcre construct');
  const ok = m.placeRegex(
    inst ?? { text: '', anchoredStart: false, anchoredEnd: false },
    re,
    flags!.includes('R'),
    negated,
  );
  if (!ok) skip(`pcre does not fit ${where}`);
}

function isdataat(m: BufferModel, args: string): void {
  const x = /^(!?)\s*(\d+)\s*(,\s*relative)?$/.exec(args.trim());
  if (x === null) skip(`isdataat ${args}`);
  const n = Number(x![2]);
  const base = x![3] !== undefined ? m.cursor : 0;
  if (x![1] === '!') m.maxLen = Math.min(m.maxLen, base + n);
  else m.minLen = Math.max(m.minLen, base + n + 1);
}

function bufferlen(m: BufferModel, args: string): void {
  const a = args.trim().replace(/,\s*relative$/, '');
  if (a !== args.trim()) skip('bufferlen relative');
  let x: RegExpExecArray | null;
  if ((x = /^(\d+)$/.exec(a))) m.minLen = m.maxLen = Number(x[1]);
  else if ((x = /^<(=?)\s*(\d+)$/.exec(a))) m.maxLen = Number(x[2]) - (x[1] === '=' ? 0 : 1);
  else if ((x = /^>(=?)\s*(\d+)$/.exec(a))) m.minLen = Number(x[2]) + (x[1] === '=' ? 0 : 1);
  else if ((x = /^(\d+)\s*<(=?)>\s*(\d+)$/.exec(a))) {
    const inclusive = x[2] === '=';
    m.minLen = Number(x[1]) + (inclusive ? 0 : 1);
    m.maxLen = Number(x[3]) - (inclusive ? 0 : 1);
  } else skip(`bufferlen ${args}`);
}

/** A filler byte that no negated content or negated pcre of the rule mentions. */
function pickFill(rule: Rule): string {
  const neg = rule.options
    .filter((o) => (o.name === 'content' || o.name === 'pcre') && (o.args ?? '').trim().startsWith('!'))
    .map((o) => (o.args ?? '').toLowerCase());
  for (const f of FILLS) if (!neg.some((n) => n.includes(f.toLowerCase()))) return f;
  return skip('no filler');
}

/** 80 when the rule allows it, else the lowest port it names. */
function pickPort(p: PortSet): number {
  if (p.any) return 80;
  for (let i = 0; i < p.ranges.length; i += 2) if (p.ranges[i]! <= 80 && 80 <= p.ranges[i + 1]!) return 80;
  return Math.max(1, p.ranges[0] ?? 80);
}
