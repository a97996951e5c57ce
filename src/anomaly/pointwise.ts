/** Point-wise detection quality (each row on its own; no point adjustment of events). */
export interface PointwiseResult {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export function pointwise(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold: number,
  from = 0,
): PointwiseResult {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = from; i < scores.length; i++) {
    const alert = (scores[i] ?? 0) >= threshold;
    const attack = (labels[i] ?? 0) > 0;
    if (alert && attack) tp++;
    else if (alert) fp++;
    else if (attack) fn++;
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}
