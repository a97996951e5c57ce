import { defineOption, fail, requireArgs, splitArgs } from '../option.js';
import { compare } from './byte_test.js';

/** Which side's byte count: 0 client→server, 1 server→client, 2 both, 3 either. */
export interface StreamSizeState {
  side: number;
  op: string;
  size: number;
  negated: boolean;
}

const SIDES: Record<string, number> = {
  to_server: 0,
  client: 0,
  to_client: 1,
  server: 1,
  both: 2,
  either: 3,
};

/**
 * Bytes per direction come from the flow's counters (IP bytes), an approximation of Snort's sequence-number
 * based stream size that includes headers.
 */
export const StreamSizeOption = defineOption<StreamSizeState>({
  name: 'stream_size',
  kind: 'flow',
  help: 'detection option for stream size checking',
  params: [
    {
      name: '~direction',
      type: 'enum',
      range: 'either | to_server | to_client | both',
      help: 'compare this direction',
    },
    { name: '~operator', type: 'enum', range: '= | != | < | > | <= | >=', help: 'how to compare' },
    { name: '~size', type: 'int', range: '0:max32', help: 'size to compare with' },
  ],
  parse(args) {
    const parts = splitArgs(requireArgs('stream_size', args));
    if (parts.length !== 3) fail('stream_size: expected direction, operator, size');
    const side = SIDES[parts[0]!];
    if (side === undefined) fail(`stream_size: unknown direction '${parts[0]}'`);
    let op = parts[1]!;
    const negated = op === '!=';
    if (negated) op = '=';
    if (!['<', '>', '<=', '>=', '='].includes(op)) fail(`stream_size: unknown operator '${parts[1]}'`);
    if (!/^\d+$/.test(parts[2]!)) fail(`stream_size: invalid size '${parts[2]}'`);
    return { side, op, size: Number(parts[2]), negated };
  },
  eval(s, ctx) {
    const f = ctx.flow;
    if (f === null || f.proto !== 6) return false;
    const a = compare(s.op, f.streamSize(0), s.size) !== s.negated;
    const b = compare(s.op, f.streamSize(1), s.size) !== s.negated;
    return s.side === 0 ? a : s.side === 1 ? b : s.side === 2 ? a && b : a || b;
  },
  key: (s) => `stream_size:${s.side}:${s.negated ? '!' : ''}${s.op}:${s.size}`,
});
