import { rangeOption } from './range.js';

export const SeqOption = rangeOption(
  'seq',
  'check if TCP sequence number is in the given range',
  0,
  4294967295,
  (ctx) => (ctx.pkt.proto === 6 && ctx.pkt.l4Off >= 0 ? ctx.pkt.seq : -1),
);
