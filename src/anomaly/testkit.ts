import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** test/fixtures/anomaly, found from this file (src/anomaly or dist/src/anomaly). */
export function anomalyFixtures(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const up = here.includes(`${'/'}dist${'/'}`) ? join(here, '..', '..', '..') : join(here, '..', '..');
  return join(up, 'test', 'fixtures', 'anomaly');
}
