import { readFileSync } from 'node:fs';
import { VigilError } from './errors.js';

/** The token: --token, else the first non-comment line of --token-file, else VIGIL_TOKEN. */
export function resolveToken(
  flag: string | undefined,
  file: string | undefined,
  env: string | undefined,
): string {
  if (flag !== undefined && flag !== '') return flag;
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new VigilError('E_CONFIG', `cannot read token file ${file}: ${(e as Error).message}`, {
        cause: e,
      });
    }
    const line = text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '' && !l.startsWith('#'));
    if (line === undefined) throw new VigilError('E_CONFIG', `token file ${file} holds no token`);
    return line;
  }
  if (env !== undefined && env !== '') return env;
  throw new VigilError('E_USAGE', 'no token: give --token, --token-file FILE or VIGIL_TOKEN');
}
