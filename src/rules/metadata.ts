/**
 * Rule metadata options: removed from the detection option list into Rule fields. detect/ never sees them.
 */
import type { RuleOption, RuleReference } from './ast.js';
import { type Classification, DEFAULT_PRIORITY } from './classifications.js';
import { unquote } from './options.js';

/** Option names the parser consumes (not detection options). */
export const METADATA_OPTIONS: readonly string[] = [
  'msg',
  'sid',
  'gid',
  'rev',
  'classtype',
  'priority',
  'reference',
  'metadata',
  'service',
];
const META = new Set(METADATA_OPTIONS);

export interface RuleMeta {
  gid: number;
  sid: number;
  rev: number;
  msg: string;
  classtype: string | null;
  priority: number;
  references: RuleReference[];
  metadata: [string, string][];
  services: string[];
}

export interface MetaProblem {
  opt: RuleOption;
  severity: 'error' | 'warning';
  message: string;
}

function u32(opt: RuleOption, problems: MetaProblem[], min: number): number | null {
  const s = (opt.args ?? '').trim();
  if (!/^\d{1,10}$/.test(s) || Number(s) > 0xffffffff || Number(s) < min) {
    problems.push({
      opt,
      severity: 'error',
      message: `${opt.name} requires an integer >= ${min}, got '${s}'`,
    });
    return null;
  }
  return Number(s);
}

function addService(list: string[], s: string): void {
  const v = s.trim().toLowerCase();
  if (v !== '' && !list.includes(v)) list.push(v);
}

/**
 * Splits `opts` into detection options (returned) and metadata (written to `meta`). `meta.sid` stays 0 when
 * no sid is given; the caller decides whether that is an error.
 */
export function extractMetadata(
  opts: RuleOption[],
  meta: RuleMeta,
  classes: ReadonlyMap<string, Classification>,
  problems: MetaProblem[],
): RuleOption[] {
  const detection: RuleOption[] = [];
  const seen = new Set<string>();
  let priority: number | null = null;
  for (const opt of opts) {
    if (!META.has(opt.name)) {
      detection.push(opt);
      continue;
    }
    const single = opt.name !== 'reference' && opt.name !== 'metadata' && opt.name !== 'service';
    if (single && seen.has(opt.name)) {
      problems.push({ opt, severity: 'error', message: `'${opt.name}' given more than once` });
      continue;
    }
    seen.add(opt.name);
    const args = opt.args ?? '';
    if (opt.args === null && opt.name !== 'metadata') {
      problems.push({ opt, severity: 'error', message: `'${opt.name}' requires an argument` });
      continue;
    }
    switch (opt.name) {
      case 'msg':
        meta.msg = unquote(args);
        break;
      case 'sid':
        meta.sid = u32(opt, problems, 1) ?? meta.sid;
        break;
      case 'gid':
        meta.gid = u32(opt, problems, 1) ?? meta.gid;
        break;
      case 'rev':
        meta.rev = u32(opt, problems, 1) ?? meta.rev;
        break;
      case 'priority':
        priority = u32(opt, problems, 1);
        break;
      case 'classtype': {
        const c = classes.get(args.trim());
        if (!c) problems.push({ opt, severity: 'error', message: `unknown classtype '${args.trim()}'` });
        else meta.classtype = c.name;
        break;
      }
      case 'reference': {
        const comma = args.indexOf(',');
        if (comma < 0) problems.push({ opt, severity: 'error', message: 'reference requires system,id' });
        else meta.references.push({ system: args.slice(0, comma).trim(), id: args.slice(comma + 1).trim() });
        break;
      }
      case 'metadata':
        parseMetadataPairs(args, meta);
        break;
      case 'service':
        for (const s of args.split(',')) addService(meta.services, s);
        break;
    }
  }
  meta.priority = priority ?? (meta.classtype ? classes.get(meta.classtype)!.priority : DEFAULT_PRIORITY);
  return detection;
}

/** `key value, key value`; Snort 3 still honours the legacy `service x` pair as a service. */
function parseMetadataPairs(args: string, meta: RuleMeta): void {
  for (const part of args.split(',')) {
    const p = part.trim();
    if (p === '') continue;
    const m = /^(\S+)\s*(.*)$/.exec(p)!;
    const key = m[1]!;
    const value = m[2]!.trim();
    meta.metadata.push([key, value]);
    if (key === 'service') addService(meta.services, value);
  }
}
