import { describe, expect, it } from 'vitest';
import { EventCounts } from '../../core/counters.js';
import { SshSession, type SshLogRecord } from './session.js';

const enc = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));

function nameList(s: string): number[] {
  const b = [...Buffer.from(s, 'latin1')];
  return [0, 0, (b.length >> 8) & 255, b.length & 255, ...b];
}

function kexinit(lists: string[]): Uint8Array {
  const payload = [
    20,
    ...new Array<number>(16).fill(1),
    ...lists.flatMap(nameList),
    ...nameList(''),
    ...nameList(''),
    0,
    0,
    0,
    0,
    0,
  ];
  const pad = 4;
  const len = payload.length + pad + 1;
  return Uint8Array.from([
    len >>> 24,
    (len >> 16) & 255,
    (len >> 8) & 255,
    len & 255,
    pad,
    ...payload,
    0,
    0,
    0,
    0,
  ]);
}

describe('SshSession', () => {
  it('banners and negotiated algorithms, input split at every byte', () => {
    const c = [
      ...enc('SSH-2.0-OpenSSH_9.6\r\n'),
      ...kexinit([
        'curve25519-sha256,ecdh-sha2-nistp256',
        'ssh-ed25519',
        'aes128-ctr,chacha20-poly1305@openssh.com',
        'aes128-ctr',
        'hmac-sha2-256',
        'hmac-sha2-256',
        'none',
        'none',
      ]),
    ];
    const s = [
      ...enc('SSH-2.0-dropbear_2022.83\r\n'),
      ...kexinit([
        'ecdh-sha2-nistp256,curve25519-sha256',
        'rsa-sha2-256,ssh-ed25519',
        'chacha20-poly1305@openssh.com,aes128-ctr',
        'aes128-ctr',
        'hmac-sha1,hmac-sha2-256',
        'hmac-sha2-256',
        'none',
        'none',
      ]),
    ];
    const ssh = new SshSession(new EventCounts());
    for (let i = 0; i < Math.max(c.length, s.length); i++) {
      if (i < c.length) ssh.feed(0, Uint8Array.from([c[i]!]), 0, 1, 1);
      if (i < s.length) ssh.feed(1, Uint8Array.from([s[i]!]), 0, 1, 1);
    }
    const recs: SshLogRecord[] = [];
    ssh.end({ ssh: (r) => recs.push(r) });
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({
      version: 2,
      client: 'SSH-2.0-OpenSSH_9.6',
      server: 'SSH-2.0-dropbear_2022.83',
      kex_alg: 'curve25519-sha256',
      host_key_alg: 'ssh-ed25519',
      cipher_alg: 'aes128-ctr',
      mac_alg: 'hmac-sha2-256',
      compression_alg: 'none',
    });
    expect(recs[0]!.hassh).toMatch(/^[0-9a-f]{32}$/);
  });

  it('no banner: no record, and a weird once the preamble limit is passed', () => {
    const events = new EventCounts();
    const ssh = new SshSession(events);
    ssh.feed(0, enc('GET / HTTP/1.1\r\n'.repeat(1000)), 0, 16000, 1);
    const recs: SshLogRecord[] = [];
    ssh.end({ ssh: (r) => recs.push(r) });
    expect(recs).toHaveLength(0);
    expect(events.get('SSH_banner_not_found')).toBe(1);
  });
});
