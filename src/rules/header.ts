/**
 * Rule header: `action proto src sport (->|<>) dst dport`, or the Snort 3 header-less form `action proto`
 * (service and file rules; addresses and ports any).
 */
import type { IpSet, PortSet } from './ast.js';
import { ACTIONS } from './lexer.js';
import { SpecError } from './netspec.js';
import { ANY_IP, ANY_PORT } from './sets.js';
import type { VarTable } from './vars.js';
import { isSpace } from './chars.js';

export const BASE_PROTOS = new Set(['ip', 'tcp', 'udp', 'icmp', 'file']);

/** Suricata protocol keywords → Snort 3 service names. */
const SERVICE_ALIASES: Readonly<Record<string, string>> = {
  smb: 'netbios-ssn',
  tls: 'ssl',
  dcerpc: 'dcerpc',
};

export interface Header {
  action: string;
  proto: string;
  services: string[];
  src: IpSet;
  sport: PortSet;
  dst: IpSet;
  dport: PortSet;
  bidirectional: boolean;
}

export interface HeaderProblem {
  /** Offset in the header text. */
  off: number;
  message: string;
}

interface Tok {
  text: string;
  off: number;
}

/** Whitespace-separated tokens; whitespace inside [...] lists does not split. */
function tokenize(s: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && isSpace(s.charCodeAt(i))) i++;
    if (i >= s.length) break;
    const off = i;
    let depth = 0;
    while (i < s.length && (depth > 0 || !isSpace(s.charCodeAt(i)))) {
      if (s[i] === '[') depth++;
      else if (s[i] === ']') depth--;
      i++;
    }
    toks.push({ text: s.slice(off, i), off });
  }
  return toks;
}

export function parseHeader(text: string, vars: VarTable, problems: HeaderProblem[]): Header | null {
  const toks = tokenize(text);
  const n0 = problems.length;
  const [a, p] = toks;
  if (!a || !ACTIONS.has(a.text)) {
    problems.push({ off: a?.off ?? 0, message: `unknown rule action '${a?.text ?? ''}'` });
    return null;
  }
  if (!p || !/^[A-Za-z][A-Za-z0-9_.-]*$/.test(p.text)) {
    problems.push({ off: p?.off ?? text.length, message: 'missing or bad protocol' });
    return null;
  }
  const lower = p.text.toLowerCase();
  const proto = SERVICE_ALIASES[lower] ?? lower;
  const h: Header = {
    action: a.text,
    proto,
    services: BASE_PROTOS.has(proto) ? [] : [proto],
    src: ANY_IP,
    sport: ANY_PORT,
    dst: ANY_IP,
    dport: ANY_PORT,
    bidirectional: false,
  };
  if (toks.length === 2) return h;
  if (toks.length !== 7) {
    problems.push({
      off: toks[2]!.off,
      message: `rule header needs 'src sport -> dst dport' (got ${toks.length - 2} fields)`,
    });
    return null;
  }
  const dir = toks[4]!;
  if (dir.text === '<>') h.bidirectional = true;
  else if (dir.text !== '->')
    problems.push({ off: dir.off, message: `bad direction '${dir.text}' (expected -> or <>)` });
  const spec = <T>(t: Tok, f: (s: string) => T, dflt: T): T => {
    try {
      return f(t.text);
    } catch (e) {
      if (!(e instanceof SpecError)) throw e;
      problems.push({ off: t.off + Math.min(e.offset, t.text.length), message: e.message });
      return dflt;
    }
  };
  h.src = spec(toks[2]!, (s) => vars.ipSet(s), ANY_IP);
  h.sport = spec(toks[3]!, (s) => vars.portSet(s), ANY_PORT);
  h.dst = spec(toks[5]!, (s) => vars.ipSet(s), ANY_IP);
  h.dport = spec(toks[6]!, (s) => vars.portSet(s), ANY_PORT);
  return problems.length === n0 ? h : null;
}
