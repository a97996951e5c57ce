import { FEATURE_NAMES } from '../features.js';
import type { MetricsFormat } from './registry.js';

/** `ts` (epoch milliseconds) and the 24 features in the dataset's column order; null is an empty field. */
export const csvFormat: MetricsFormat = {
  header: () => ['ts', ...FEATURE_NAMES].join(',') + '\n',
  record: (sample) => {
    let line = String(sample.ts);
    for (const name of FEATURE_NAMES) {
      const v = sample.features[name];
      line += v === null ? ',' : `,${v}`;
    }
    return line + '\n';
  },
};
