import { describe, expect, it } from 'vitest';
import { BufferId } from '../buffers.js';
import { EvalContext } from '../context.js';
import { evalRule } from '../eval.js';
import { compileText, diagnosticsOf, makePacket, matches, provider } from '../testkit.js';

function withBuffers(
  options: string,
  payload: string,
  buffers: Record<string, string>,
  app?: unknown,
): boolean {
  const p = makePacket(payload);
  const ctx = new EvalContext();
  ctx.beginUnit(p, null, 0, p.data, 0, p.payLen, false, false, provider(buffers, app));
  return evalRule(compileText(options), ctx);
}

describe('buffer selectors', () => {
  it('select provider buffers and fail when absent', () => {
    const bufs = { [BufferId.http_uri]: '/index.php?x=1', [BufferId.http_method]: 'POST' };
    expect(withBuffers('http_uri; content:"index.php"', 'GET /other', bufs)).toBe(true);
    expect(withBuffers('http_uri; content:"other"', 'GET /other', bufs)).toBe(false);
    expect(withBuffers('http_method; content:"POST",depth 4; pkt_data; content:"GET"', 'GET /', bufs)).toBe(
      true,
    );
    expect(withBuffers('http_cookie; content:"a"', 'a', bufs)).toBe(false);
    expect(matches('file_data; content:"a"', 'a')).toBe(false);
    expect(matches('raw_data; content:"a"', 'a')).toBe(true);
  });

  it('http_header field selects one header', () => {
    const bufs = {
      [`${BufferId.http_header}:user-agent`]: 'curl/8',
      [BufferId.http_header]: 'Host: x\r\nUser-Agent: curl/8',
    };
    expect(withBuffers('http_header:field User-Agent; content:"curl",depth 4', '', bufs)).toBe(true);
    expect(withBuffers('http_header:field host; content:"x"', '', bufs)).toBe(false);
    expect(diagnosticsOf('http_header:colour red')[0]!.message).toMatch(/unknown argument/);
    expect(diagnosticsOf('pkt_data:x')[0]!.message).toMatch(/no arguments/);
  });

  it('base64_decode + base64_data', () => {
    expect(
      matches('content:"auth "; base64_decode:relative; base64_data; content:"admin:"', 'auth YWRtaW46cHc='),
    ).toBe(true);
    expect(matches('base64_decode:bytes 4; base64_data; content:"admin:"', 'YWRtaW46cHc=')).toBe(false);
    expect(matches('base64_data; content:"a"', 'YQ==')).toBe(false);
  });

  it('app-layer options parse and match only with app state', () => {
    const app = { ssl: { stateBits: 1, versionBits: 1 << 4 }, sip: { method: 'INVITE', statCode: 404 } };
    expect(withBuffers('ssl_state:client_hello', '', {}, app)).toBe(true);
    expect(withBuffers('ssl_state:!client_hello', '', {}, app)).toBe(false);
    expect(withBuffers('ssl_version:tls1.2', '', {}, app)).toBe(true);
    expect(withBuffers('sip_method:invite,register', '', {}, app)).toBe(true);
    expect(withBuffers('sip_stat_code:4', '', {}, app)).toBe(true);
    expect(withBuffers('sip_stat_code:200', '', {}, app)).toBe(false);
    expect(matches('ssl_state:client_hello', '')).toBe(false);
    expect(matches('dce_iface:4b324fc8-1670-01d3-1278-5a47bf6ee188', '')).toBe(false);
    expect(matches('dce_opnum:15, 18-20', '')).toBe(false);
    expect(
      withBuffers(
        'dce_opnum:"1 2"',
        '',
        {},
        { dce: { iface: '', ifaceVersion: 0, opnum: 2, firstFrag: true } },
      ),
    ).toBe(true);
    expect(diagnosticsOf('ssl_state:hello')[0]!.message).toMatch(/unknown value/);
    expect(diagnosticsOf('dce_iface:nope')[0]!.message).toMatch(/UUID/);
  });

  it('asn1 is rejected, tag/rem/target/replace are ignored with a note', () => {
    expect(diagnosticsOf('asn1:bitstring_overflow')[0]!.message).toMatch(/asn1 was removed from Snort 3/);
    const d = diagnosticsOf('content:"a"; tag:session,10,packets');
    expect(d[0]!.severity).toBe('warning');
    expect(matches('content:"a"; rem:"note"; replace:"b"', 'a')).toBe(true);
  });
});
