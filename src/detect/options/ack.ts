import { rangeOption } from './range.js';

export const AckOption = rangeOption(
  'ack',
  'check if TCP acknowledgement number is in the given range',
  0,
  4294967295,
  (ctx) => (ctx.pkt.proto === 6 && ctx.pkt.l4Off >= 0 ? ctx.pkt.ack : -1),
);
