import { defineOption } from '../option.js';
import { appState } from './app-state.js';
import { flagListMatch, parseFlagList } from './ssl-flags.js';

/** Bit i of AppLayerState.ssl.versionBits is SSL_VERSIONS[i]. */
export const SSL_VERSIONS = ['sslv2', 'sslv3', 'tls1.0', 'tls1.1', 'tls1.2', 'tls1.3'] as const;

export const SslVersionOption = defineOption<{ any: number; not: number }>({
  name: 'ssl_version',
  kind: 'flow',
  session: true,
  help: 'detection option for TLS version',
  params: [{ name: '~', type: 'string', help: `list of [!]${SSL_VERSIONS.join(' | ')}` }],
  parse: (args) => parseFlagList('ssl_version', args, SSL_VERSIONS),
  eval(s, ctx) {
    const ssl = appState(ctx)?.ssl;
    // No version seen yet (no hello, not TLS): no match, even for a negated list (Suricata's TLS_UNKNOWN).
    return ssl !== undefined && ssl.versionBits !== 0 && flagListMatch(s, ssl.versionBits);
  },
  key: (s) => `ssl_version:${s.any}:${s.not}`,
});
