import { rangeOption } from './range.js';

export const TtlOption = rangeOption(
  'ttl',
  'check if IP TTL (IPv6 hop limit) is in the given range',
  0,
  255,
  (ctx) => (ctx.pkt.ipVer === 0 ? -1 : ctx.pkt.ttl),
);
