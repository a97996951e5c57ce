import type { DetectorSpec, MultivariateSpec, UnivariateSpec } from './detector.js';
import { cusum } from './detectors/cusum.js';
import { contextual, ensemble, surprise } from './detectors/ensemble.js';
import { ewma } from './detectors/ewma.js';
import { halfSpaceTrees } from './detectors/half-space-trees.js';
import { mahalanobis } from './detectors/mahalanobis.js';
import { medianMad } from './detectors/median-mad.js';
import { windowedGaussian } from './detectors/windowed-gaussian.js';
import { zscore } from './detectors/zscore.js';

/** Every detector by name: adding one is a file in detectors/ and a line here. */
export const Detectors = {
  ensemble,
  contextual,
  surprise,
  'windowed-gaussian': windowedGaussian,
  zscore,
  'median-mad': medianMad,
  ewma,
  cusum,
  mahalanobis,
  'half-space-trees': halfSpaceTrees,
} satisfies Record<string, DetectorSpec>;

export type DetectorName = keyof typeof Detectors;

/** The default for a single series (NAB files, one feature). */
export const DEFAULT_UNIVARIATE: DetectorName = 'ensemble';
/** The default across a node's 24 features. */
export const DEFAULT_MULTIVARIATE: DetectorName = 'mahalanobis';

export function isDetectorName(s: string): s is DetectorName {
  return Object.hasOwn(Detectors, s);
}

export function univariateSpec(name: DetectorName): UnivariateSpec | null {
  const s: DetectorSpec = Detectors[name];
  return s.kind === 'univariate' ? s : null;
}

export function multivariateSpec(name: DetectorName): MultivariateSpec | null {
  const s: DetectorSpec = Detectors[name];
  return s.kind === 'multivariate' ? s : null;
}
