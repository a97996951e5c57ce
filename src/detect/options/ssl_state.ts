import { defineOption } from '../option.js';
import { appState } from './app-state.js';
import { flagListMatch, parseFlagList } from './ssl-flags.js';

/** Bit i of AppLayerState.ssl.stateBits is SSL_STATES[i]. */
export const SSL_STATES = ['client_hello', 'server_hello', 'client_keyx', 'server_keyx', 'unknown'] as const;

export const SslStateOption = defineOption<{ any: number; not: number }>({
  name: 'ssl_state',
  kind: 'flow',
  session: true,
  help: 'detection option for TLS handshake state',
  params: [{ name: '~', type: 'string', help: `list of [!]${SSL_STATES.join(' | ')}` }],
  parse: (args) => parseFlagList('ssl_state', args, SSL_STATES),
  eval(s, ctx) {
    const ssl = appState(ctx)?.ssl;
    return ssl !== undefined && flagListMatch(s, ssl.stateBits);
  },
  key: (s) => `ssl_state:${s.any}:${s.not}`,
});
