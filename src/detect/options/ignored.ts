import { defineOption, type OptionSpec } from '../option.js';

/** Options accepted for compatibility that have no effect in a passive detector. */
function ignored(name: string, help: string, why: string): OptionSpec<string> {
  return defineOption<string>({
    name,
    kind: 'ignored',
    help,
    params: [{ name: '~', type: 'string', help: 'any arguments' }],
    parse(args, pc) {
      pc.note = `${name} ignored: ${why}`;
      return args ?? '';
    },
    eval: () => true,
    key: (s) => `${name}:${s}`,
  });
}

export const TagOption = ignored(
  'tag',
  'rule option to log more packets of a session',
  'packet tagging is not implemented',
);
export const RemOption = ignored('rem', 'rule option to convey an arbitrary comment', 'comment');
export const TargetOption = ignored('target', 'rule option to indicate target of attack', 'informational');
export const ReplaceOption = ignored(
  'replace',
  'rule option to overwrite payload data',
  'IPS-only, Vigil is passive',
);
