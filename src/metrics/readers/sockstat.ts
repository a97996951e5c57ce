import type { NodeState } from '../node-state.js';
import { lit, type Scanner } from '../scanner.js';
import type { ProcReader } from './reader.js';

const SOCKETS = lit('sockets:');
const TCP = lit('TCP:');
const UDP = lit('UDP:');

const enum Proto {
  Sockets,
  Tcp,
  Udp,
}

/**
 * /proc/net/sockstat: `sockets: used N`, `TCP: inuse … orphan … tw … alloc … mem …`, `UDP: inuse … mem …`;
 * mem is in pages. `sockets: used` counts every socket the kernel holds, whatever node_exporter's HELP says.
 */
export const sockstatReader: ProcReader = {
  id: 'proc_net_sockstat',
  path: 'net/sockstat',
  parse(s, st, events) {
    while (!s.atEnd()) {
      if (s.startsWith(SOCKETS)) {
        s.pos += SOCKETS.length;
        pairs(s, st, Proto.Sockets);
      } else if (s.startsWith(TCP)) {
        s.pos += TCP.length;
        pairs(s, st, Proto.Tcp);
      } else if (s.startsWith(UDP)) {
        s.pos += UDP.length;
        pairs(s, st, Proto.Udp);
      }
      s.nextLine();
    }
    if (Number.isNaN(st.socketsUsed + st.tcpInuse + st.tcpAlloc + st.tcpMem + st.udpInuse + st.udpMem))
      events.add('proc_net_sockstat_malformed');
  },
};

/** Reads the `key value` pairs of one line and stores the ones a feature uses. */
function pairs(s: Scanner, st: NodeState, proto: Proto): void {
  const eol = s.lineEnd();
  while (s.pos < eol) {
    s.blanks();
    const key = s.pos;
    if (!s.skipField()) return;
    const k = keyOf(s.buf, key, s.pos);
    const v = s.uint();
    if (Number.isNaN(v)) return;
    if (proto === Proto.Sockets) {
      if (k === Key.Used) st.socketsUsed = v;
    } else if (proto === Proto.Tcp) {
      if (k === Key.Inuse) st.tcpInuse = v;
      else if (k === Key.Alloc) st.tcpAlloc = v;
      else if (k === Key.Mem) st.tcpMem = v;
    } else if (k === Key.Inuse) st.udpInuse = v;
    else if (k === Key.Mem) st.udpMem = v;
  }
}

const enum Key {
  Other,
  Used,
  Inuse,
  Alloc,
  Mem,
}

const KEYS: [Uint8Array, Key][] = [
  [lit('used'), Key.Used],
  [lit('inuse'), Key.Inuse],
  [lit('alloc'), Key.Alloc],
  [lit('mem'), Key.Mem],
];

function keyOf(buf: Buffer, start: number, end: number): Key {
  for (const [bytes, key] of KEYS) {
    if (end - start !== bytes.length) continue;
    let i = 0;
    while (i < bytes.length && buf[start + i] === bytes[i]) i++;
    if (i === bytes.length) return key;
  }
  return Key.Other;
}
