import { describe, expect, it } from 'vitest';
import { BufferId } from '../buffers.js';
import { EvalContext } from '../context.js';
import { evalRule } from '../eval.js';
import { compileText, diagnosticsOf, makePacket, provider } from '../testkit.js';

const UUID = '4b324fc8-1670-01d3-1278-5a47bf6ee188';

interface Dce {
  iface?: string;
  ifaceVersion?: number;
  opnum?: number;
  firstFrag?: boolean;
  little?: boolean;
}

function run(options: string, dce: Dce | null, stub = ''): boolean {
  const p = makePacket('');
  const ctx = new EvalContext();
  const app =
    dce === null ? undefined : { dce: { iface: UUID, ifaceVersion: 3, opnum: 15, firstFrag: true, ...dce } };
  ctx.beginUnit(p, null, 0, p.data, 0, 0, true, false, provider({ [BufferId.dce_stub_data]: stub }, app));
  return evalRule(compileText(options), ctx);
}

describe('dce_iface', () => {
  it('matches the bound interface UUID (any case, with or without the uuid keyword)', () => {
    expect(run(`dce_iface:uuid ${UUID}`, {})).toBe(true);
    expect(run(`dce_iface:${UUID.toUpperCase()}`, {})).toBe(true);
    expect(run(`dce_iface:uuid ${UUID}`, { iface: '' })).toBe(false);
    expect(run(`dce_iface:uuid ${UUID}`, null)).toBe(false);
  });

  it('compares the interface major version', () => {
    expect(run(`dce_iface:uuid ${UUID}, version <4`, {})).toBe(true);
    expect(run(`dce_iface:uuid ${UUID}, version >3`, {})).toBe(false);
    expect(run(`dce_iface:${UUID},=3`, {})).toBe(true);
    expect(run(`dce_iface:${UUID},!3`, {})).toBe(false);
  });

  it('matches a later fragment only with any_frag', () => {
    expect(run(`dce_iface:uuid ${UUID}`, { firstFrag: false })).toBe(false);
    expect(run(`dce_iface:uuid ${UUID}, any_frag`, { firstFrag: false })).toBe(true);
  });

  it('rejects a missing or malformed UUID', () => {
    expect(diagnosticsOf('dce_iface:version <4')[0]!.message).toMatch(/UUID/);
    expect(diagnosticsOf('dce_iface:4b324fc8-1670-01d3-1278')[0]!.message).toMatch(/UUID/);
  });
});

describe('dce_opnum', () => {
  it('matches single opnums, lists and ranges', () => {
    expect(run('dce_opnum:15', {})).toBe(true);
    expect(run('dce_opnum:"1, 15, 20"', {})).toBe(true);
    expect(run('dce_opnum:10-15', {})).toBe(true);
    expect(run('dce_opnum:16-20', {})).toBe(false);
    expect(run('dce_opnum:15', { opnum: -1 })).toBe(false);
    expect(diagnosticsOf('dce_opnum:20-10')[0]!.message).toMatch(/invalid range/);
    expect(diagnosticsOf('dce_opnum:x')[0]!.message).toMatch(/invalid opnum/);
  });
});

describe('the dce argument of byte_test / byte_jump / byte_extract', () => {
  // Stub: 00 01 00 00 → 256 little-endian, 0x00010000 = 65536 big-endian (2 bytes: 256 vs 1).
  const stub = '\x00\x01\x00\x00';
  it('reads in the PDU byte order (drep), little-endian when unknown', () => {
    expect(run('dce_stub_data; byte_test:2,=,256,0,dce', { little: true }, stub)).toBe(true);
    expect(run('dce_stub_data; byte_test:2,=,1,0,dce', { little: false }, stub)).toBe(true);
    expect(run('dce_stub_data; byte_test:2,=,256,0,dce', {}, stub)).toBe(true);
    expect(run('dce_stub_data; byte_test:2,=,256,0,dce', null, stub)).toBe(true);
    expect(run('dce_stub_data; byte_jump:2,0,dce; byte_test:1,=,0,0', { little: false }, stub)).toBe(true);
    expect(
      run('dce_stub_data; byte_extract:2,0,n,dce; byte_test:1,=,n,1', { little: false }, '\x00\x01\x00\x00'),
    ).toBe(true);
  });
});
