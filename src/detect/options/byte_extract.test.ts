import { describe, expect, it } from 'vitest';
import { diagnosticsOf, matches } from '../testkit.js';

const B = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe('byte_extract and byte_math', () => {
  it('extracted variables feed later options', () => {
    expect(matches('byte_extract:1,0,len; byte_test:1,=,len,1', B(5, 5))).toBe(true);
    expect(matches('byte_extract:1,0,len; byte_test:1,=,len,1', B(5, 6))).toBe(false);
    expect(matches('byte_extract:1,0,n; content:"A",within n', B(3, 0, 0, 0x41))).toBe(true);
    expect(matches('byte_extract:1,0,n; content:"A",within n', B(2, 0, 0, 0x41))).toBe(false);
    expect(
      matches(
        'byte_extract:1,0,off; byte_jump:1,off,from_beginning; content:"Z",within 1',
        B(1, 3, 0, 0, 0x5a),
      ),
    ).toBe(false);
    expect(matches('byte_extract:1,0,off; isdataat:off', B(2, 0, 0))).toBe(true);
  });

  it('moves the cursor after the extracted bytes; multiplier and align', () => {
    expect(matches('byte_extract:2,0,x; content:"Q",within 1', B(0, 1, 0x51))).toBe(true);
    expect(matches('byte_extract:1,0,x,multiplier 3; byte_test:1,=,x,1', B(2, 6))).toBe(true);
    expect(matches('byte_extract:1,0,x,align 4; byte_test:1,=,x,1', B(5, 8))).toBe(true);
    expect(matches('byte_extract:2,0,x,little; byte_test:2,=,x,0,little', B(1, 2))).toBe(true);
  });

  it('byte_math operators', () => {
    expect(matches('byte_math:bytes 1,offset 0,oper +,rvalue 2,result r; byte_test:1,=,r,1', B(3, 5))).toBe(
      true,
    );
    expect(matches('byte_math:bytes 1,offset 0,oper -,rvalue 2,result r; byte_test:1,=,r,1', B(3, 1))).toBe(
      true,
    );
    expect(matches('byte_math:bytes 1,offset 0,oper *,rvalue 2,result r; byte_test:1,=,r,1', B(3, 6))).toBe(
      true,
    );
    expect(matches('byte_math:bytes 1,offset 0,oper /,rvalue 2,result r; byte_test:1,=,r,1', B(7, 3))).toBe(
      true,
    );
    expect(matches('byte_math:bytes 1,offset 0,oper <<,rvalue 2,result r; byte_test:1,=,r,1', B(1, 4))).toBe(
      true,
    );
    expect(matches('byte_math:bytes 1,offset 0,oper >>,rvalue 1,result r; byte_test:1,=,r,1', B(8, 4))).toBe(
      true,
    );
    expect(matches('byte_math:bytes 1,offset 0,oper -,rvalue 9,result r', B(3))).toBe(false);
    expect(matches('byte_extract:1,1,d; byte_math:bytes 1,offset 0,oper /,rvalue d,result r', B(8, 0))).toBe(
      false,
    );
  });

  it('rejects bad arguments', () => {
    expect(diagnosticsOf('byte_extract:1,0')[0]!.message).toMatch(/expected/);
    expect(diagnosticsOf('byte_extract:1,0,x,align 3')[0]!.message).toMatch(/align/);
    expect(diagnosticsOf('byte_math:bytes 1,offset 0,oper %,rvalue 1,result r')[0]!.message).toMatch(
      /operator/,
    );
    expect(diagnosticsOf('byte_math:bytes 1,offset 0,rvalue 1')[0]!.message).toMatch(/required/);
  });
});
