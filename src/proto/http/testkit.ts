import { latin1 } from '../../core/bytes.js';
import { EventCounts } from '../../core/counters.js';
import type { HttpLimits } from './limits.js';
import { HttpSession } from './session.js';
import type {
  BufferView,
  HttpBuffers,
  HttpDir,
  HttpSectionKind,
  HttpSink,
  HttpTransaction,
} from './types.js';

/** Test support: sections captured as strings (latin1) so tests compare plain values. */
export interface SectionRecord {
  dir: HttpDir;
  kind: HttpSectionKind;
  raw: string;
  bufs: Record<string, string | null>;
  fields: Record<string, string | null>;
}

const BUFFER_NAMES = [
  'http_method',
  'http_uri',
  'http_raw_uri',
  'http_header',
  'http_raw_header',
  'http_cookie',
  'http_raw_cookie',
  'http_client_body',
  'http_raw_body',
  'http_stat_code',
  'http_stat_msg',
  'http_version',
  'http_raw_request',
  'http_raw_status',
  'http_true_ip',
  'http_param',
  'http_trailer',
  'http_raw_trailer',
  'file_data',
] as const;

const str = (v: BufferView | null): string | null =>
  v === null ? null : latin1(v.data, v.off, v.off + v.len);

export class CollectSink implements HttpSink {
  readonly sections: SectionRecord[] = [];
  readonly txs: HttpTransaction[] = [];
  constructor(private readonly fieldNames: string[] = []) {}

  section(
    dir: HttpDir,
    kind: HttpSectionKind,
    raw: Uint8Array,
    off: number,
    len: number,
    b: HttpBuffers,
  ): void {
    const bufs: Record<string, string | null> = {};
    for (const n of BUFFER_NAMES) bufs[n] = str(b[n]);
    const fields: Record<string, string | null> = {};
    for (const f of this.fieldNames) fields[f] = str(b.headerField(f));
    this.sections.push({ dir, kind, raw: latin1(raw, off, off + len), bufs, fields });
  }

  transaction(tx: HttpTransaction): void {
    this.txs.push(structuredClone(tx));
  }

  of(dir: HttpDir, kind: HttpSectionKind): SectionRecord[] {
    return this.sections.filter((s) => s.dir === dir && s.kind === kind);
  }

  /** Concatenated file_data of one direction's body sections. */
  fileData(dir: HttpDir): string {
    return this.of(dir, 'body')
      .map((s) => s.bufs['file_data'] ?? '')
      .join('');
  }
}

export const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

/** Feeds whole streams (client then server, or interleaved per message) and ends both directions. */
export function run(
  client: Uint8Array | string,
  server: Uint8Array | string,
  opts: { limits?: Partial<HttpLimits>; fields?: string[]; split?: number[][] } = {},
): { sink: CollectSink; events: EventCounts } {
  const events = new EventCounts();
  const s = new HttpSession(events, opts.limits);
  const sink = new CollectSink(opts.fields);
  const data = [
    typeof client === 'string' ? bytes(client) : client,
    typeof server === 'string' ? bytes(server) : server,
  ];
  for (const dir of [0, 1] as const) {
    const d = data[dir]!;
    const cuts = opts.split?.[dir] ?? [];
    let prev = 0;
    for (const c of [...cuts.filter((x) => x > 0 && x < d.length).sort((a, b) => a - b), d.length]) {
      s.feed(dir, d, prev, c - prev, sink);
      prev = c;
    }
  }
  s.end(0, sink);
  s.end(1, sink);
  return { sink, events };
}
