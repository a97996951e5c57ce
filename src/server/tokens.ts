import { readFileSync } from 'node:fs';
import { VigilError } from '../core/errors.js';

/** Tokens from a file (one per line, `#` comments, blank lines ignored) and a comma-separated env value. */
export function loadTokens(src: { file?: string | undefined; env?: string | undefined }): string[] {
  const out: string[] = [];
  if (src.file !== undefined) {
    let text: string;
    try {
      text = readFileSync(src.file, 'utf8');
    } catch (e) {
      throw new VigilError('E_CONFIG', `cannot read token file ${src.file}: ${(e as Error).message}`, {
        cause: e,
      });
    }
    for (const line of text.split(/\r?\n/)) {
      const t = line.replace(/#.*$/, '').trim();
      if (t !== '') out.push(t);
    }
  }
  if (src.env !== undefined) for (const t of src.env.split(',')) if (t.trim() !== '') out.push(t.trim());
  return [...new Set(out)];
}
