import { defineOption, fail, requireArgs, splitArgs } from '../option.js';
import { appState } from './app-state.js';

export interface SipMethodState {
  methods: string[];
  negated: boolean;
}

export const SipMethodOption = defineOption<SipMethodState>({
  name: 'sip_method',
  kind: 'flow',
  help: 'detection option for SIP request method',
  params: [{ name: '~', type: 'string', help: 'comma-separated list of methods, or one !method' }],
  parse(args) {
    const parts = splitArgs(requireArgs('sip_method', args));
    const negated = parts.length === 1 && parts[0]!.startsWith('!');
    const methods = parts.map((p) => p.replace(/^!/, '').toUpperCase());
    for (const m of methods) if (!/^[A-Z_-]+$/.test(m)) fail(`sip_method: invalid method '${m}'`);
    return { methods, negated };
  },
  eval(s, ctx) {
    const sip = appState(ctx)?.sip;
    if (sip === undefined || sip.method === '') return false;
    return s.methods.includes(sip.method.toUpperCase()) !== s.negated;
  },
  key: (s) => `sip_method:${s.negated ? '!' : ''}${s.methods.join(',')}`,
});
