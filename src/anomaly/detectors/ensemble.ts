import type { UnivariateDetector, UnivariateSpec } from '../detector.js';
import { Contextual, CONTEXTUAL_DEFAULTS } from './contextual.js';
import { Quiet } from './quiet.js';
import { Surprise, SURPRISE_DEFAULTS } from './surprise.js';

/** A weighted mean of member scores, shaped by Quiet. */
export class Ensemble implements UnivariateDetector {
  private readonly quiet: Quiet;

  constructor(
    private readonly members: readonly { detector: UnivariateDetector; weight: number }[],
    rest: number,
    level: number,
  ) {
    this.quiet = new Quiet({ update: () => 0 }, rest, level);
  }

  update(value: number, timestampMs: number): number {
    let s = 0;
    for (const m of this.members) s += m.weight * m.detector.update(value, timestampMs);
    return this.quiet.shape(s);
  }
}

/** Points of quiet after an alert, and the score that counts as one. */
export const ALERT_REST = 50;
export const ALERT_LEVEL = 0.4;

/**
 * The default detector: the mean of contextual novelty and predictive surprise — two views of "this
 * sequence has not been seen", one counting new contexts, one weighing them by how well the context
 * predicted before — then quiet for 50 points after an alert. Averaging keeps what both agree on and
 * halves what only one of them reacts to, which is most of either's false positives.
 */
export const ensemble: UnivariateSpec = {
  kind: 'univariate',
  alertAt: 0.62,
  description:
    'mean of contextual novelty and predictive surprise, quiet for 50 points after an alert (default)',
  create: () =>
    new Ensemble(
      [
        { detector: new Contextual(CONTEXTUAL_DEFAULTS), weight: 0.5 },
        { detector: new Surprise(SURPRISE_DEFAULTS), weight: 0.5 },
      ],
      ALERT_REST,
      ALERT_LEVEL,
    ),
};

export const contextual: UnivariateSpec = {
  kind: 'univariate',
  alertAt: 0.49,
  description: 'contextual novelty of quantised value sequences (CAD OSE-like), quiet after an alert',
  create: () => new Quiet(new Contextual(CONTEXTUAL_DEFAULTS), ALERT_REST, ALERT_LEVEL),
};

export const surprise: UnivariateSpec = {
  kind: 'univariate',
  alertAt: 0.75,
  description:
    'predictive surprise −log2 P(level | context) over sequence and time-of-day contexts, quiet after an alert',
  create: () => new Quiet(new Surprise(SURPRISE_DEFAULTS), ALERT_REST, ALERT_LEVEL),
};
