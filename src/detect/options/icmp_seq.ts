import { rangeOption } from './range.js';

/** Echo request/reply only (ICMPv4 0/8, ICMPv6 128/129), as in Snort. */
function echo(t: number): boolean {
  return t === 0 || t === 8 || t === 128 || t === 129;
}

export const IcmpSeqOption = rangeOption(
  'icmp_seq',
  'check if ICMP echo sequence number is in the given range',
  0,
  65535,
  (ctx) => (echo(ctx.pkt.icmpType) ? ctx.pkt.icmpSeq : -1),
);
