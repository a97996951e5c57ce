/** A JSON path step: an object key or an array index. */
export type PathStep = string | number;

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** Renders steps as `spec.containers[0].image`; keys that are not plain identifiers become `["a.b/c"]`. */
export function formatPath(steps: readonly PathStep[]): string {
  let out = '';
  for (const s of steps) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (PLAIN_KEY.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

const parsed = new Map<string, readonly PathStep[]>();

/** Inverse of formatPath. Memoized: the same few hundred paths recur across thousands of objects. */
export function parsePath(path: string): readonly PathStep[] {
  let steps = parsed.get(path);
  if (steps === undefined) {
    steps = parsePathUncached(path);
    if (parsed.size < 10_000) parsed.set(path, steps);
  }
  return steps;
}

function parsePathUncached(path: string): PathStep[] {
  const steps: PathStep[] = [];
  const re = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([^.[\]]+)/g;
  for (let m = re.exec(path); m !== null; m = re.exec(path)) {
    if (m[1] !== undefined) steps.push(Number(m[1]));
    else if (m[2] !== undefined) steps.push(JSON.parse(m[2]) as string);
    else if (m[3] !== undefined) steps.push(m[3]);
  }
  return steps;
}

export function joinPath(base: string, rest: string): string {
  if (base === '') return rest;
  if (rest === '') return base;
  return rest.startsWith('[') ? base + rest : `${base}.${rest}`;
}
