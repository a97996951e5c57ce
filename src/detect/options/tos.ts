import { rangeOption } from './range.js';

export const TosOption = rangeOption('tos', 'check if IP TOS is in the given range', 0, 255, (ctx) =>
  ctx.pkt.ipVer === 4 ? ctx.pkt.tos : -1,
);
