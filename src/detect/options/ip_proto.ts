import { defineOption, fail, requireArgs } from '../option.js';

const NAMES: Record<string, number> = {
  ip: 0,
  hopopt: 0,
  icmp: 1,
  igmp: 2,
  ipip: 4,
  tcp: 6,
  egp: 8,
  igp: 9,
  udp: 17,
  ipv6: 41,
  'ipv6-route': 43,
  'ipv6-frag': 44,
  rsvp: 46,
  gre: 47,
  esp: 50,
  ah: 51,
  'ipv6-icmp': 58,
  icmpv6: 58,
  'ipv6-nonxt': 59,
  'ipv6-opts': 60,
  eigrp: 88,
  ospf: 89,
  pim: 103,
  vrrp: 112,
  l2tp: 115,
  sctp: 132,
};

/** op: 0 equal, 1 not equal, 2 less than, 3 greater than. */
export interface IpProtoState {
  op: number;
  proto: number;
}

function parse(args: string | null): IpProtoState {
  const t = requireArgs('ip_proto', args);
  const m = /^([!<>]?)\s*(\S+)$/.exec(t);
  if (!m) fail(`ip_proto: invalid argument '${t}'`);
  const word = m[2]!.toLowerCase();
  let proto = NAMES[word];
  if (proto === undefined) {
    if (!/^\d+$/.test(word) || Number(word) > 255) fail(`ip_proto: unknown protocol '${m[2]}'`);
    proto = Number(word);
  }
  const op = m[1] === '!' ? 1 : m[1] === '<' ? 2 : m[1] === '>' ? 3 : 0;
  return { op, proto };
}

export const IpProtoOption = defineOption<IpProtoState>({
  name: 'ip_proto',
  kind: 'header',
  help: 'check that IP protocol number matches the argument',
  params: [{ name: '~proto', type: 'string', help: '[!|>|<] name or number' }],
  parse,
  eval(s, ctx) {
    const p = ctx.pkt;
    if (p.ipVer === 0) return false;
    const v = p.proto;
    return s.op === 0 ? v === s.proto : s.op === 1 ? v !== s.proto : s.op === 2 ? v < s.proto : v > s.proto;
  },
  key: (s) => `ip_proto:${s.op}:${s.proto}`,
});
