import { rangeOption } from './range.js';

export const ItypeOption = rangeOption(
  'itype',
  'check if ICMP type is in the given range',
  0,
  255,
  (ctx) => ctx.pkt.icmpType,
);
