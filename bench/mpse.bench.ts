import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AcBuilder, type AcOptions } from '../src/detect/mpse/aho-corasick.js';

const RULES = 'rules/snort3-community/snort3-community.rules';
const SHARED_RULES = '/work/shared/corpus/nids/rules/snort3-community/snort3-community.rules';

/** Finds the community rules from the repo root (source or dist/ layout), else the shared corpus. */
function rulesPath(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(RULES), join(here, '..', RULES), join(here, '..', '..', RULES), SHARED_RULES];
  for (const c of candidates) if (existsSync(c)) return c;
  throw new Error(`snort3-community.rules not found (tried ${candidates.join(', ')})`);
}

/** Decodes a Snort content string: `|41 42|` hex runs and backslash escapes. Good enough for the bench. */
function decodeContent(s: string): Uint8Array {
  const out: number[] = [];
  let hexMode = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '|') {
      hexMode = !hexMode;
    } else if (hexMode) {
      if (/[0-9a-fA-F]/.test(ch) && i + 1 < s.length && /[0-9a-fA-F]/.test(s[i + 1]!)) {
        out.push(parseInt(s.slice(i, i + 2), 16));
        i++;
      }
    } else if (ch === '\\' && i + 1 < s.length) {
      out.push(s.charCodeAt(++i) & 0xff);
    } else {
      out.push(s.charCodeAt(i) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

export interface BenchPattern {
  bytes: Uint8Array;
  nocase: boolean;
}

/**
 * One fast pattern per rule, chosen as Snort does by default: the content marked `fast_pattern`, else the
 * longest positive content. With `all`, every positive content instead (a harsher, less realistic load).
 */
export function communityPatterns(all = false, path = rulesPath()): BenchPattern[] {
  const re = /content:\s*(!?)\s*"((?:[^"\\]|\\.)*)"([^;]*)/g;
  const result: BenchPattern[] = [];
  for (const line of readFileSync(path, 'latin1').split('\n')) {
    if (line.startsWith('#') || !line.includes('content:')) continue;
    let best: (BenchPattern & { fp: boolean }) | undefined;
    for (const m of line.matchAll(re)) {
      if (m[1] === '!') continue;
      const bytes = decodeContent(m[2]!);
      if (bytes.length === 0) continue;
      const mods = m[3]!;
      const p = { bytes, nocase: /\bnocase\b/.test(mods), fp: /\bfast_pattern\b/.test(mods) };
      if (all) result.push(p);
      else if (!best || (p.fp && !best.fp) || (p.fp === best.fp && p.bytes.length > best.bytes.length))
        best = p;
    }
    if (best) result.push({ bytes: best.bytes, nocase: best.nocase });
  }
  return result;
}

/** Deterministic HTTP-like traffic: requests and responses with headers and an HTML-ish body. */
export function syntheticHttp(size: number, seed = 1): Uint8Array {
  let x = seed >>> 0 || 1;
  const rnd = (n: number): number => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % n;
  };
  const words = [
    'index',
    'login',
    'api',
    'v1',
    'users',
    'static',
    'img',
    'main',
    'search',
    'cart',
    'account',
    'news',
    'the',
    'and',
    'page',
    'content',
    'value',
    'session',
    'Update',
    'Profile',
    'download',
    'report',
    'data',
    'item',
  ];
  const pick = (): string => words[rnd(words.length)]!;
  const agents = [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36',
    'curl/8.4.0',
    'python-requests/2.31',
  ];
  const buf = new Uint8Array(size);
  let o = 0;
  while (o < size) {
    const body = Array.from({ length: 20 + rnd(60) }, () =>
      rnd(8) === 0 ? `<p class="${pick()}">` : pick(),
    ).join(' ');
    const msg =
      rnd(2) === 0
        ? `GET /${pick()}/${pick()}.php?id=${rnd(100000)}&q=${pick()} HTTP/1.1\r\nHost: www.${pick()}.example.com\r\n` +
          `User-Agent: ${agents[rnd(agents.length)]}\r\nAccept: text/html,application/xhtml+xml\r\nCookie: sid=${rnd(1 << 30).toString(16)}\r\n\r\n`
        : `HTTP/1.1 200 OK\r\nServer: nginx/1.24.0\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n<html><body>${body}</body></html>\r\n`;
    for (let i = 0; i < msg.length && o < size; i++) buf[o++] = msg.charCodeAt(i) & 0xff;
  }
  return buf;
}

/** Builds the automaton from the community rules' fast patterns and scans ~50 MB in 1460-byte segments. */
export function benchMpse(
  all = false,
  options: AcOptions = {},
): { patterns: number; states: number; tableBytes: number; mbPerSec: number } {
  const contents = communityPatterns(all);
  const b = new AcBuilder(options);
  contents.forEach((c, i) => b.add(c.bytes, c.nocase, i));
  const m = b.build();
  const stats = m.stats();
  const data = syntheticHttp(8 << 20);
  const out = new Int32Array(m.idCapacity);
  const seg = 1460;
  const target = 50 << 20;
  let sink = 0;
  for (let o = 0; o + seg <= data.length && o < 4 << 20; o += seg) sink += m.scan(data, o, o + seg, out); // warm-up
  let scanned = 0;
  const t0 = process.hrtime.bigint();
  while (scanned < target) {
    for (let o = 0; o < data.length && scanned < target; o += seg) {
      const end = Math.min(o + seg, data.length);
      sink += m.scan(data, o, end, out);
      scanned += end - o;
    }
  }
  const sec = Number(process.hrtime.bigint() - t0) / 1e9;
  if (sink < 0) throw new Error('unreachable'); // keeps the scans observable
  return {
    patterns: m.patternCount,
    states: stats.states,
    tableBytes: stats.tableBytes,
    mbPerSec: scanned / 1e6 / sec,
  };
}
