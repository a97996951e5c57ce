import { VigilError } from '../../core/errors.js';

/** The newest policy version Vigil knows; `latest` means every check of every version. */
export const LATEST_MINOR = 37;

/** `v1.NN` (or `1.NN`) → NN; `latest` → LATEST_MINOR. Versions newer than known evaluate as latest. */
export function parsePssVersion(v: string): number {
  if (v === 'latest') return LATEST_MINOR;
  const m = /^v?1\.(\d{1,3})$/.exec(v);
  if (!m) throw new VigilError('E_USAGE', `--pss-version expects latest or v1.NN, got "${v}"`);
  return Number(m[1]);
}
