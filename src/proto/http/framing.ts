import type { EventCounts } from '../../core/counters.js';
import type { Framing } from './body.js';
import { BodyInflater, type Coding } from './inflate.js';
import type { HttpLimits } from './limits.js';
import type { MessageHead } from './message-head.js';
import { HttpWeird } from './weirds.js';

const MAX_LAYERS = 3;

/** Body framing from the headers (RFC 9112 §6.3): chunked wins over Content-Length. */
export function bodyFraming(
  head: MessageHead,
  isResponse: boolean,
  ev: EventCounts,
): { framing: Framing | null; length: number } {
  const te = head.value('transfer-encoding');
  const cl = head.value('content-length');
  if (te !== null && /chunked/i.test(te)) {
    if (cl !== null) ev.add(HttpWeird.clAndChunked);
    const ct = head.value('content-type');
    if (ct !== null && /^\s*multipart\//i.test(ct)) ev.add(HttpWeird.chunkedMultipart);
    return { framing: 'chunked', length: 0 };
  }
  if (cl !== null) {
    // Duplicates were joined with ','; the first value counts (as most servers).
    const first = cl.split(',')[0]!.trim();
    if (/^\d+$/.test(first)) {
      if (first.length > 1 && first[0] === '0') ev.add(HttpWeird.clLeadingZeros);
      const n = Number(first);
      return { framing: n === 0 ? null : 'length', length: n };
    }
    ev.add(HttpWeird.badContentLength);
  }
  return { framing: isResponse ? 'close' : null, length: 0 };
}

/**
 * Decoders for Content-Encoding, applied in reverse of the listed order; at most MAX_LAYERS (as
 * Suricata's decompress layer limit: `gzip, gzip` is a known evasion). Unknown codings stop the chain.
 */
export function contentCodings(head: MessageHead | null, lim: HttpLimits, ev: EventCounts): BodyInflater[] {
  const ce = head?.value('content-encoding') ?? null;
  if (ce === null) return [];
  const out: BodyInflater[] = [];
  for (const raw of ce.toLowerCase().split(',').reverse()) {
    const c = raw.trim();
    if (c === '' || c === 'identity') continue;
    const coding: Coding | null = c.includes('gzip') ? 'gzip' : c.includes('deflate') ? 'deflate' : null;
    if (coding === null) {
      ev.add(HttpWeird.unknownEncoding);
      break;
    }
    if (out.length === MAX_LAYERS) {
      ev.add(HttpWeird.decompressLimit);
      break;
    }
    out.push(new BodyInflater(coding, lim.maxDecompressed, lim.maxRatio, ev));
  }
  return out;
}
