import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONN_STREAM } from '../streams/conn.js';
import { jsonRow } from './json.js';

describe('Zeek JSON lines', () => {
  it('uses flat dotted keys in column order, numbers for times, omits unset fields', () => {
    const line = jsonRow(CONN_STREAM, {
      ts: 1300475167.0965352,
      uid: 'CHhAvVGS1DHFjwGM9',
      'id.orig_h': '141.142.220.202',
      'id.orig_p': 5353,
      'id.resp_h': '224.0.0.251',
      'id.resp_p': 5353,
      proto: 'udp',
      service: null,
      duration: 0.000435,
      conn_state: 'S0',
      local_orig: false,
      history: 'D',
      tunnel_parents: [],
    });
    expect(line).toBe(
      '{"ts":1300475167.096535,"uid":"CHhAvVGS1DHFjwGM9","id.orig_h":"141.142.220.202","id.orig_p":5353,' +
        '"id.resp_h":"224.0.0.251","id.resp_p":5353,"proto":"udp","duration":0.000435,"conn_state":"S0",' +
        '"local_orig":false,"history":"D","tunnel_parents":[]}\n',
    );
  });

  it('every line parses back as JSON with the same strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.array(fc.string()), (s, v) => {
        const o = JSON.parse(jsonRow(CONN_STREAM, { history: s, tunnel_parents: v })) as Record<
          string,
          unknown
        >;
        expect(o).toEqual({ history: s, tunnel_parents: v });
      }),
    );
  });
});
