import { defineOption, fail, requireArgs, splitArgs } from '../option.js';

export interface FlowState {
  /** -1 any, 0 to server (from client), 1 to client (from server). */
  dir: number;
  /** -1 any, 1 established, 0 not established; `stateless` leaves it -1. */
  established: number;
  /** -1 any, 0 raw packets only (no_stream), 1 reassembled only (only_stream). */
  stream: number;
  /** -1 any, 0 no_frag, 1 only_frag. */
  frag: number;
}

function parse(args: string | null): FlowState {
  const s: FlowState = { dir: -1, established: -1, stream: -1, frag: -1 };
  const set = (k: keyof FlowState, v: number, word: string): void => {
    if (s[k] !== -1 && s[k] !== v) fail(`flow: '${word}' conflicts with an earlier argument`);
    s[k] = v;
  };
  for (const w of splitArgs(requireArgs('flow', args))) {
    switch (w) {
      case 'to_server':
      case 'from_client':
        set('dir', 0, w);
        break;
      case 'to_client':
      case 'from_server':
        set('dir', 1, w);
        break;
      case 'established':
        set('established', 1, w);
        break;
      case 'not_established':
        set('established', 0, w);
        break;
      case 'stateless':
        break;
      case 'no_stream':
        set('stream', 0, w);
        break;
      case 'only_stream':
        set('stream', 1, w);
        break;
      case 'no_frag':
        set('frag', 0, w);
        break;
      case 'only_frag':
        set('frag', 1, w);
        break;
      default:
        fail(`flow: unknown argument '${w}'`);
    }
  }
  return s;
}

export const FlowOption = defineOption<FlowState>({
  name: 'flow',
  kind: 'flow',
  help: 'check session properties of a given packet',
  params: [
    { name: 'to_client', type: 'implied', help: 'match on server responses' },
    { name: 'to_server', type: 'implied', help: 'match on client requests' },
    { name: 'from_client', type: 'implied', help: 'same as to_server' },
    { name: 'from_server', type: 'implied', help: 'same as to_client' },
    { name: 'established', type: 'implied', help: 'match only during data transfer phase' },
    { name: 'not_established', type: 'implied', help: 'match only outside data transfer phase' },
    { name: 'stateless', type: 'implied', help: 'match regardless of stream state' },
    { name: 'no_stream', type: 'implied', help: 'match on raw packets only' },
    { name: 'only_stream', type: 'implied', help: 'match on reassembled packets only' },
    { name: 'no_frag', type: 'implied', help: 'match on raw packets only' },
    { name: 'only_frag', type: 'implied', help: 'match on defragmented packets only' },
  ],
  parse,
  eval(s, ctx) {
    const flow = ctx.flow;
    if (s.dir >= 0 && (flow === null || ctx.dir !== s.dir)) return false;
    if (s.established === 1 && (flow === null || !flow.established)) return false;
    if (s.established === 0 && flow !== null && flow.established) return false;
    if (s.stream === 0 && ctx.rebuilt) return false;
    if (s.stream === 1 && !ctx.rebuilt) return false;
    if (s.frag === 0 && ctx.pkt.rebuilt && !ctx.rebuilt) return false;
    if (s.frag === 1 && !(ctx.pkt.rebuilt && !ctx.rebuilt)) return false;
    return true;
  },
  key: (s) => `flow:${s.dir}:${s.established}:${s.stream}:${s.frag}`,
});
