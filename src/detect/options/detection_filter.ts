import { defineOption, fail, nameValue, parseInt32, requireArgs, splitArgs } from '../option.js';

export interface DetectionFilterState {
  /** true: by_src, false: by_dst. */
  bySrc: boolean;
  count: number;
  seconds: number;
}

export const DetectionFilterOption = defineOption<DetectionFilterState>({
  name: 'detection_filter',
  kind: 'post',
  help: 'rule option to require multiple hits before a rule generates an event',
  params: [
    {
      name: 'track',
      type: 'enum',
      range: 'by_src | by_dst',
      help: 'track hits by source or destination IP address',
    },
    {
      name: 'count',
      type: 'int',
      range: '1:max32',
      help: 'hits in interval before allowing the rule to fire',
    },
    { name: 'seconds', type: 'int', range: '1:max32', help: 'length of interval to count hits' },
  ],
  parse(args) {
    let track = '';
    let count = -1;
    let seconds = -1;
    for (const p of splitArgs(requireArgs('detection_filter', args))) {
      const [n, v] = nameValue(p);
      if (n === 'track') track = v;
      else if (n === 'count') count = parseInt32(v, 'detection_filter count', 1, 0x7fffffff);
      else if (n === 'seconds') seconds = parseInt32(v, 'detection_filter seconds', 1, 0x7fffffff);
      else fail(`detection_filter: unknown argument '${p}'`);
    }
    if (track !== 'by_src' && track !== 'by_dst') fail('detection_filter: track must be by_src or by_dst');
    if (count < 0 || seconds < 0) fail('detection_filter: count and seconds are required');
    return { bySrc: track === 'by_src', count, seconds };
  },
  // Counting happens in the engine once the rest of the rule matched (see detection-filter.ts).
  eval: () => true,
  key: (s) => `detection_filter:${s.bySrc ? 's' : 'd'}:${s.count}:${s.seconds}`,
});
