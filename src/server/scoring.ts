import { createHash } from 'node:crypto';
import { NODE_FEATURES } from '../anomaly/features.js';
import { NodeScorer, type NodeScore } from '../anomaly/node-scorer.js';
import {
  DEFAULT_MULTIVARIATE,
  DEFAULT_UNIVARIATE,
  multivariateSpec,
  univariateSpec,
  type DetectorName,
} from '../anomaly/registry.js';
import type { AlertIn, SampleRow, ScoreRow, Store } from '../store/store.js';

export interface ScoringOptions {
  univariate?: DetectorName;
  multivariate?: DetectorName;
  seed?: number;
  /** How much stored history warms a node's scorer after a restart (seconds; default 6 h). */
  warmSeconds?: number;
  /**
   * How many features must reach the univariate alertAt in one sample to raise an alert without the
   * multivariate detector (default 3; 1 = any feature). See NOTES.md: one feature of 24 alone is noise.
   */
  minFeatures?: number;
  /** Samples a node's scorer must have seen before it may alert (default 50): every value is new at first. */
  learnSamples?: number;
}

export interface ScoringHooks {
  scores(node: string, rows: ScoreRow[]): void;
  alerts(node: string, alerts: AlertIn[]): void;
}

interface NodeState {
  scorer: NodeScorer;
  lastTs: number;
  /** Samples fed so far (warm-up included). */
  seen: number;
}

const WARM_PAGE = 5000;

/** The anomaly alert's batch id: derived from the sample batch, so a retried batch never doubles it. */
export function anomalyBatchId(sampleBatch: string, node: string): string {
  const h = createHash('sha256').update(`${sampleBatch}\0${node}`).digest('hex').slice(0, 40);
  return `anomaly:${h}`;
}

function rawFeatures(row: SampleRow, out: Float64Array): Float64Array {
  for (let i = 0; i < NODE_FEATURES.length; i++) out[i] = row[NODE_FEATURES[i]!] ?? NaN;
  return out;
}

/**
 * Live scoring: one NodeScorer per node, fed each node's samples in ts order. Work for one node is
 * serialised (a promise chain) so concurrent batches never interleave; a node first seen by this process is
 * warmed from its stored samples, so a restart does not reset detection. A sample at or before the last one
 * scored is skipped (already stored, or out of order).
 */
export class LiveScoring {
  private readonly nodes = new Map<string, NodeState>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly raw = new Float64Array(NODE_FEATURES.length);
  readonly uniAlertAt: number;
  readonly multiAlertAt: number;

  constructor(
    private readonly store: Store,
    private readonly opts: ScoringOptions,
    private readonly hooks: ScoringHooks,
  ) {
    const u = univariateSpec(opts.univariate ?? DEFAULT_UNIVARIATE);
    const m = multivariateSpec(opts.multivariate ?? DEFAULT_MULTIVARIATE);
    if (u === null || m === null) throw new Error('scoring needs a univariate and a multivariate detector');
    this.uniAlertAt = u.alertAt;
    this.multiAlertAt = m.alertAt;
  }

  /** Score a stored batch; resolves when scores and alerts are stored. Rejects if the store fails. */
  score(batchId: string, rows: readonly SampleRow[]): Promise<void> {
    const byNode = new Map<string, SampleRow[]>();
    for (const r of rows) {
      const list = byNode.get(r.node);
      if (list) list.push(r);
      else byNode.set(r.node, [r]);
    }
    const work: Promise<void>[] = [];
    for (const [node, list] of byNode) {
      list.sort((a, b) => a.ts - b.ts);
      const prev = this.chains.get(node) ?? Promise.resolve();
      const next = prev.catch(() => undefined).then(() => this.scoreNode(batchId, node, list));
      this.chains.set(node, next);
      // Forget the chain once it settles, unless newer work was queued behind it.
      void next.then(
        () => this.chains.get(node) === next && this.chains.delete(node),
        () => this.chains.get(node) === next && this.chains.delete(node),
      );
      work.push(next);
    }
    return Promise.all(work).then(() => undefined);
  }

  /** Wait for every queued batch (used when the server closes). */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.chains.values()]);
  }

  /**
   * True when a node score raises an alert: the whole sample at the multivariate detector's alertAt, or
   * `minFeatures` features at the univariate alertAt in the same sample.
   */
  isAnomalous(s: NodeScore): boolean {
    if (s.multivariate >= this.multiAlertAt) return true;
    const need = this.opts.minFeatures ?? 3;
    let n = 0;
    for (const v of s.perFeature) if (v >= this.uniAlertAt && ++n >= need) return true;
    return false;
  }

  private async scoreNode(batchId: string, node: string, rows: SampleRow[]): Promise<void> {
    try {
      const st = this.nodes.get(node) ?? (await this.warm(node, rows[0]!.ts));
      const scores: ScoreRow[] = [];
      const alerts: AlertIn[] = [];
      for (const r of rows) {
        if (r.ts <= st.lastTs) continue;
        const s = st.scorer.update(rawFeatures(r, this.raw), r.ts * 1000);
        st.lastTs = r.ts;
        st.seen++;
        const drivers = s.drivers.map((d) => ({ feature: d.feature, share: d.share }));
        scores.push({ node, ts: r.ts, score: s.score, multivariate: s.multivariate, drivers });
        if (st.seen > (this.opts.learnSamples ?? 50) && this.isAnomalous(s))
          alerts.push(anomalyAlert(node, r.ts, s.score, drivers));
      }
      if (scores.length > 0) await this.store.ingestScores(scores);
      if (alerts.length > 0) await this.store.ingestAlerts(anomalyBatchId(batchId, node), node, alerts, []);
      if (scores.length > 0) this.hooks.scores(node, scores);
      if (alerts.length > 0) this.hooks.alerts(node, alerts);
    } catch (e) {
      // The scorer moved past rows whose scores were not stored: forget it, re-warm from the store next time.
      this.nodes.delete(node);
      throw e;
    }
  }

  private async warm(node: string, beforeTs: number): Promise<NodeState> {
    const scorer = new NodeScorer(NODE_FEATURES, {
      univariate: this.opts.univariate ?? DEFAULT_UNIVARIATE,
      multivariate: this.opts.multivariate ?? DEFAULT_MULTIVARIATE,
      seed: this.opts.seed ?? 1,
    });
    const st: NodeState = { scorer, lastTs: -Infinity, seen: 0 };
    let from = beforeTs - (this.opts.warmSeconds ?? 6 * 3600);
    for (;;) {
      const page = await this.store.samples(node, { from, to: beforeTs }, WARM_PAGE);
      for (const r of page) {
        if (r.ts <= st.lastTs) continue;
        scorer.update(rawFeatures(r, this.raw), r.ts * 1000);
        st.lastTs = r.ts;
        st.seen++;
      }
      if (page.length < WARM_PAGE) break;
      from = st.lastTs;
    }
    this.nodes.set(node, st);
    return st;
  }
}

/** docs/api.md's node anomaly alert. */
export function anomalyAlert(
  node: string,
  ts: number,
  score: number,
  drivers: { feature: string; share: number }[],
): AlertIn {
  const seconds = Math.floor(ts);
  const names = drivers.map((d) => d.feature);
  return {
    seconds,
    ts_usec: Math.round((ts - seconds) * 1e6),
    ts,
    node,
    gid: 7700,
    sid: 1,
    rev: 1,
    rule: '7700:1:1',
    msg: `VIGIL node anomaly on ${node}: ${names.length > 0 ? names.join(', ') : 'all features'}`,
    class: 'Anomalous node behaviour',
    classtype: 'node-anomaly',
    priority: 2,
    proto: 'NODE',
    action: 'allow',
    dir: 'UNK',
    drivers,
    score,
  };
}
