/** Severities from most to least urgent; unknown ones sort last. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;

export function severityRank(s: string): number {
  const i = (SEVERITIES as readonly string[]).indexOf(s.toLowerCase());
  return i < 0 ? SEVERITIES.length : i;
}
