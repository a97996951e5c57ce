import { fileURLToPath } from 'node:url';
import { dirname, join, basename } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
/** Repository root, whether running from bench/ (sources) or dist/bench/ (built). */
export const ROOT = basename(dirname(here)) === 'dist' ? join(here, '..', '..') : join(here, '..');
