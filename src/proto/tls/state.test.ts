import { describe, expect, it } from 'vitest';
import { EventCounts } from '../../core/counters.js';
import { SSL_STATES } from '../../detect/options/ssl_state.js';
import { SSL_VERSIONS } from '../../detect/options/ssl_version.js';
import { TlsSession } from './session.js';
import { SslStateBit, SslVersionBit } from './state.js';
import { clientHelloMsg, record, serverHelloMsg } from './testkit.js';

describe('ssl_state / ssl_version bits', () => {
  it('use the bit positions of the detect options', () => {
    expect(SSL_STATES.map((_, i) => 1 << i)).toEqual([
      SslStateBit.CLIENT_HELLO,
      SslStateBit.SERVER_HELLO,
      SslStateBit.CLIENT_KEYX,
      SslStateBit.SERVER_KEYX,
      SslStateBit.UNKNOWN,
    ]);
    expect(SSL_VERSIONS.map((_, i) => 1 << i)).toEqual([
      SslVersionBit.SSLV2,
      SslVersionBit.SSLV3,
      SslVersionBit.TLS1_0,
      SslVersionBit.TLS1_1,
      SslVersionBit.TLS1_2,
      SslVersionBit.TLS1_3,
    ]);
  });

  it('accumulate as the handshake goes, with the hello buffers', () => {
    const s = new TlsSession(new EventCounts());
    const sink = { ssl: () => {} };
    const ch = record(22, clientHelloMsg({ ciphers: [0xc02f], exts: [] }));
    s.feed(0, ch, 0, ch.length, 1, sink);
    expect(s.state).toEqual({
      stateBits: SslStateBit.CLIENT_HELLO,
      versionBits: SslVersionBit.TLS1_0 | SslVersionBit.TLS1_2,
    });
    expect(s.helloBuffer(0)![0]).toBe(1);
    const sh = record(
      22,
      [...serverHelloMsg({ cipher: 0xc02f, exts: [] }), 12, 0, 0, 4, 3, 0, 23, 0],
      0x0303,
    );
    s.feed(1, sh, 0, sh.length, 2, sink);
    expect(s.state.stateBits).toBe(
      SslStateBit.CLIENT_HELLO | SslStateBit.SERVER_HELLO | SslStateBit.SERVER_KEYX,
    );
    expect(s.helloBuffer(1)![0]).toBe(2);
  });
});
