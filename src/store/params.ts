/** Positional parameters for one statement: `p.add(v)` returns its placeholder (`$3`). */
export class Params {
  readonly values: unknown[] = [];
  add(v: unknown, cast = ''): string {
    this.values.push(v);
    return `$${this.values.length}${cast}`;
  }
}

/** `%text%` for LIKE/ILIKE with the pattern characters of `text` escaped (backslash is LIKE's default escape). */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A WHERE clause from conditions (or nothing). */
export function where(conds: readonly string[]): string {
  return conds.length > 0 ? `WHERE ${conds.join(' AND ')}` : '';
}
