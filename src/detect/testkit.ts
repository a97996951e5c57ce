/**
 * Builders for detect/ tests: rules from option text, packets and units with fields set directly, a flow.
 * Not used by the engine.
 */
import { TO_SERVER, TcpState, type Flow } from '../flow/flow.js';
import { Packet } from '../packet/packet.js';
import type { IpSet, PortSet, Rule, RuleOption } from '../rules/ast.js';
import type { BufferProvider, BufferView } from './buffers.js';
import { EvalContext } from './context.js';
import type { Diagnostic } from '../core/errors.js';
import { compileRule, FlowbitRegistry, type CompiledRule } from './compile-rule.js';
import { evalRule } from './eval.js';
import type { InspectUnit } from './runner.js';
import type { ParseContext } from './option.js';

export const ANY_IP: IpSet = { any: true, v4: [], v6: [] };
export const ANY_PORT: PortSet = { any: true, ranges: [] };

/** Split `name:args; name; …` into options (';' inside quotes and escaped '\;' do not split). */
export function parseOptionText(text: string): RuleOption[] {
  const out: RuleOption[] = [];
  let cur = '';
  let q = false;
  let col = 1;
  const flush = (): void => {
    const t = cur.trim();
    if (t !== '') {
      const i = t.indexOf(':');
      out.push(
        i < 0
          ? { name: t, args: null, line: 1, col }
          : { name: t.slice(0, i).trim(), args: t.slice(i + 1).trim(), line: 1, col },
      );
    }
    cur = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      cur += c + text[i + 1]!;
      i++;
    } else if (c === '"') {
      q = !q;
      cur += c;
    } else if (c === ';' && !q) {
      flush();
      col = i + 2;
    } else cur += c;
  }
  flush();
  return out;
}

export interface RuleSpec {
  sid?: number;
  proto?: string;
  sport?: PortSet;
  dport?: PortSet;
  src?: IpSet;
  dst?: IpSet;
  bidirectional?: boolean;
  services?: string[];
}

export function ports(...ps: number[]): PortSet {
  const sorted = [...new Set(ps)].sort((a, b) => a - b);
  return { any: false, ranges: sorted.flatMap((p) => [p, p]) };
}

export function makeRule(options: string, spec: RuleSpec = {}): Rule {
  const sid = spec.sid ?? 1;
  return {
    file: 'test.rules',
    line: sid,
    text: options,
    action: 'alert',
    proto: spec.proto ?? 'tcp',
    src: spec.src ?? ANY_IP,
    sport: spec.sport ?? ANY_PORT,
    dst: spec.dst ?? ANY_IP,
    dport: spec.dport ?? ANY_PORT,
    bidirectional: spec.bidirectional ?? false,
    options: parseOptionText(options),
    gid: 1,
    sid,
    rev: 1,
    msg: `rule ${sid}`,
    classtype: null,
    priority: 3,
    references: [],
    metadata: [],
    services: spec.services ?? [],
    legacy: false,
  };
}

export function bytes(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

export interface PacketSpec {
  proto?: number;
  sport?: number;
  dport?: number;
  src4?: number;
  dst4?: number;
  flags?: number;
}

/** A decoded IPv4 packet whose payload is `payload` (headers are not materialized; fields are set). */
export function makePacket(payload: Uint8Array | string, spec: PacketSpec = {}): Packet {
  const p = new Packet();
  p.reset();
  const pay = typeof payload === 'string' ? bytes(payload) : payload;
  p.data = pay;
  p.caplen = p.wirelen = pay.length;
  p.ipVer = 4;
  p.ipOff = 0;
  p.ttl = 64;
  p.proto = spec.proto ?? 6;
  p.l4Off = 0;
  p.sport = spec.sport ?? 40000;
  p.dport = spec.dport ?? 80;
  p.src4 = spec.src4 ?? 0x0a000001;
  p.dst4 = spec.dst4 ?? 0x0a000002;
  for (let i = 0; i < 4; i++) {
    p.src[i] = (p.src4 >>> (24 - 8 * i)) & 255;
    p.dst[i] = (p.dst4 >>> (24 - 8 * i)) & 255;
  }
  p.tcpFlags = spec.flags ?? 0x18;
  p.payOff = 0;
  p.payLen = pay.length;
  return p;
}

/** A flow for option tests; `stream[dir]` is the sequence space used per direction (`streamSize`). */
export type TestFlow = Flow & { stream: [number, number] };

export function makeFlow(pkt: Packet, established = true): TestFlow {
  return {
    id: 1,
    proto: pkt.proto,
    ipVer: 4,
    clientIp: pkt.src.slice(),
    serverIp: pkt.dst.slice(),
    clientPort: pkt.sport,
    serverPort: pkt.dport,
    firstTsSec: 0,
    firstTsUsec: 0,
    lastTsSec: 0,
    lastTsUsec: 0,
    stream: [0, 0],
    packets: () => 0,
    ipBytes: () => 0,
    tcpState: established ? TcpState.ESTABLISHED : TcpState.SYN_SENT,
    established,
    midstream: false,
    service: null,
    ignored: false,
    detect: null,
    app: null,
    streamSize(dir) {
      return this.stream[dir];
    },
  };
}

export function makeUnit(
  pkt: Packet,
  flow: Flow | null = null,
  extra: Partial<InspectUnit> = {},
): InspectUnit {
  return {
    pkt,
    flow,
    dir: TO_SERVER,
    data: pkt.data,
    off: pkt.payOff,
    len: pkt.payLen,
    rebuilt: false,
    streamed: false,
    ...extra,
  };
}

/** A provider serving fixed buffers by id (and `id:field` for http_header fields). */
export function provider(buffers: Record<string, string>, app?: unknown): BufferProvider {
  const view: BufferView = { data: new Uint8Array(0), off: 0, len: 0 };
  return {
    app,
    getBuffer(id: number, field: string | null): BufferView | null {
      const s = buffers[field === null ? String(id) : `${id}:${field}`];
      if (s === undefined) return null;
      view.data = bytes(s);
      view.off = 0;
      view.len = s.length;
      return view;
    },
  };
}

export function parseContext(): ParseContext {
  return { vars: [], bits: new FlowbitRegistry(), note: null };
}

/** A context positioned on pkt_data = `payload` for option-level tests. */
export function contextFor(payload: string | Uint8Array, pkt?: Packet): EvalContext {
  const p = pkt ?? makePacket(payload);
  const ctx = new EvalContext();
  ctx.beginUnit(p, null, 0, p.data, p.payOff, p.payLen, false, false, null);
  ctx.beginRule();
  return ctx;
}

/** Compile one rule from option text; throws with the diagnostics when it does not compile. */
export function compileText(options: string, spec: RuleSpec = {}): CompiledRule {
  const diags: Diagnostic[] = [];
  const cr = compileRule(makeRule(options, spec), 0, new FlowbitRegistry(), diags);
  if (cr === null) throw new Error(diags.map((d) => d.message).join('; '));
  return cr;
}

/** Diagnostics of compiling one rule (empty when it compiles cleanly). */
export function diagnosticsOf(options: string): Diagnostic[] {
  const diags: Diagnostic[] = [];
  compileRule(makeRule(options), 0, new FlowbitRegistry(), diags);
  return diags;
}

/** Evaluate the options of one rule against a payload (raw TCP packet, no flow unless given). */
export function matches(
  options: string,
  payload: string | Uint8Array,
  pkt?: Packet,
  flow: Flow | null = null,
): boolean {
  const cr = compileText(options);
  const p = pkt ?? makePacket(payload);
  const ctx = new EvalContext();
  ctx.beginUnit(p, flow, 0, p.data, p.payOff, p.payLen, false, false, null);
  return evalRule(cr, ctx);
}
