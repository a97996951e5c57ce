import { latin1, u32be } from '../../core/bytes.js';

/** The name-lists of an SSH_MSG_KEXINIT (RFC 4253 §7.1), in wire order. */
export interface KexInit {
  kex: string[];
  hostKey: string[];
  encC2S: string[];
  encS2C: string[];
  macC2S: string[];
  macS2C: string[];
  compC2S: string[];
  compS2C: string[];
}

const SSH_MSG_KEXINIT = 20;
/** RFC 4253 §6.1: implementations must handle packets of 35000 bytes; larger is not a KEXINIT we read. */
export const MAX_PACKET = 35000;

/**
 * The binary packet at `b[p..end)`: returns its total size when complete (and `out` filled if it is a
 * KEXINIT), 0 when more bytes are needed, -1 when it cannot be an SSH packet.
 */
export function readKexInit(b: Uint8Array, p: number, end: number, out: { kex: KexInit | null }): number {
  if (end - p < 6) return 0;
  const len = u32be(b, p);
  if (len < 2 || len > MAX_PACKET) return -1;
  if (end - p < 4 + len) return 0;
  const stop = p + 4 + len - b[p + 4]!;
  if (b[p + 5] !== SSH_MSG_KEXINIT || stop < p + 22) return 4 + len;
  let q = p + 6 + 16;
  const lists: string[][] = [];
  for (let i = 0; i < 8; i++) {
    if (q + 4 > stop) return 4 + len;
    const n = u32be(b, q);
    if (q + 4 + n > stop) return 4 + len;
    const s = latin1(b, q + 4, q + 4 + n);
    lists.push(s === '' ? [] : s.split(','));
    q += 4 + n;
  }
  const [kex, hostKey, encC2S, encS2C, macC2S, macS2C, compC2S, compS2C] = lists as [
    string[],
    string[],
    string[],
    string[],
    string[],
    string[],
    string[],
    string[],
  ];
  out.kex = { kex, hostKey, encC2S, encS2C, macC2S, macS2C, compC2S, compS2C };
  return 4 + len;
}

/** RFC 4253 §7.1 negotiation: the first client algorithm the server also lists. */
export function negotiate(client: string[], server: string[]): string | null {
  for (const a of client) if (server.includes(a)) return a;
  return null;
}
