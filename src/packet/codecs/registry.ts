import type { Codec } from './codec.js';
import { erspan2, erspan3 } from './erspan.js';
import { eth } from './eth.js';
import { gre } from './gre.js';
import { icmp4 } from './icmp4.js';
import { icmp6 } from './icmp6.js';
import { ip6in4, ipip } from './ipip.js';
import { ipv4 } from './ipv4.js';
import { ipv6 } from './ipv6.js';
import { linux_sll, linux_sll2 } from './linux-sll.js';
import { mpls } from './mpls.js';
import { loop, null_ } from './null.js';
import { ppp, pppoe } from './ppp.js';
import { raw, raw4, raw6 } from './raw.js';
import { tcp } from './tcp.js';
import { udp } from './udp.js';
import { vlan } from './vlan.js';
import { geneve, vxlan } from './vxlan.js';

/** Codecs by capture link type (LINKTYPE_*). */
export const LINK_CODECS: Readonly<Record<number, Codec>> = {
  0: null_,
  1: eth,
  101: raw,
  108: loop,
  113: linux_sll,
  228: raw4,
  229: raw6,
  276: linux_sll2,
};

/** Codecs by EtherType (also the protocol type of GRE and Geneve). */
export const ETHERTYPE_CODECS: Readonly<Record<number, Codec>> = {
  0x0800: ipv4,
  0x86dd: ipv6,
  0x8100: vlan,
  0x88a8: vlan,
  0x9100: vlan,
  0x9200: vlan,
  0x6558: eth, // transparent Ethernet bridging
  0x8847: mpls,
  0x8848: mpls,
  0x8864: pppoe,
  0x880b: ppp,
  0x88be: erspan2,
  0x22eb: erspan3,
};

/** Codecs by IP protocol / IPv6 next header (after extension headers). */
export const IP_PROTO_CODECS: Readonly<Record<number, Codec>> = {
  1: icmp4,
  4: ipip,
  6: tcp,
  17: udp,
  41: ip6in4,
  47: gre,
  58: icmp6,
};

/** UDP tunnels by destination port. */
export const UDP_PORT_CODECS: Readonly<Record<number, Codec>> = {
  4789: vxlan,
  8472: vxlan,
  6081: geneve,
  4754: gre,
};
