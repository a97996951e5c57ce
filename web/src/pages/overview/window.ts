/** The spans the overview offers, in seconds. */
export const SPANS = [
  { label: '1 h', seconds: 3600 },
  { label: '6 h', seconds: 6 * 3600 },
  { label: '24 h', seconds: 86_400 },
  { label: '7 d', seconds: 7 * 86_400 },
  { label: '30 d', seconds: 30 * 86_400 },
] as const;

export interface Window {
  from: number;
  to: number;
  /** True when the window ends at the newest data rather than now (nothing arrived recently). */
  anchored: boolean;
}

/**
 * The window the overview shows: the last `span` seconds, unless the newest data is older than that
 * (a replayed capture, a quiet cluster) — then the `span` up to the newest data, so the page is not
 * empty while the store holds data.
 */
export function chooseWindow(now: number, latest: number | null, span: number): Window {
  const end = Math.ceil(now);
  if (latest === null || latest >= end - span) return { from: end - span, to: end + 1, anchored: false };
  const to = Math.floor(latest) + 1;
  return { from: to - span, to, anchored: true };
}
