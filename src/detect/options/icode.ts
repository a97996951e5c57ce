import { rangeOption } from './range.js';

export const IcodeOption = rangeOption(
  'icode',
  'check if ICMP code is in the given range',
  0,
  255,
  (ctx) => ctx.pkt.icmpCode,
);
