import { rangeOption } from './range.js';

export const WindowOption = rangeOption(
  'window',
  'check if TCP window size is in the given range',
  0,
  65535,
  (ctx) => (ctx.pkt.proto === 6 && ctx.pkt.l4Off >= 0 ? ctx.pkt.win : -1),
);
