import { rangeOption } from './range.js';

/** Payload size of raw packets only: dsize never matches a reassembled unit (Snort does the same). */
export const DsizeOption = rangeOption('dsize', 'test packet payload size', 0, 65535, (ctx) =>
  ctx.rebuilt ? -1 : ctx.unitLen,
);
