import { rangeOption } from './range.js';

export const IdOption = rangeOption('id', 'check if the IPv4 ID is in the given range', 0, 65535, (ctx) =>
  ctx.pkt.ipVer === 4 ? ctx.pkt.ipId : -1,
);
