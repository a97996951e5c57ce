import { describe, expect, it } from 'vitest';
import { identifyService } from '../service.js';
import { bind } from '../dce/testkit.js';
import { createReq } from './testkit.js';

const dceBind = bind([{ ctx: 0, uuid: 'e1af8308-5d1f-11c9-91a4-08002b14a0fa', version: 3 }]);

describe('service identification of DCE/RPC and SMB', () => {
  it('names DCE/RPC by port 135 and by a CO header on any free port', () => {
    expect(identifyService(6, 50000, 135, null, null)).toBe('dcerpc');
    expect(identifyService(6, 50000, 49667, dceBind, null)).toBe('dcerpc');
    expect(identifyService(6, 50000, 49667, Uint8Array.from([5, 0, 0, 3]), null)).toBeNull();
  });

  it('names SMB netbios-ssn (Snort 3) by port and by NetBIOS + SMB magic', () => {
    expect(identifyService(6, 50000, 445, null, null)).toBe('netbios-ssn');
    expect(identifyService(6, 50000, 8445, createReq(1, 'x'), null)).toBe('netbios-ssn');
    expect(
      identifyService(6, 50000, 8445, Uint8Array.from([0, 0, 0, 4, 0xff, 0x53, 0x4d, 0x43]), null),
    ).toBeNull();
  });
});
