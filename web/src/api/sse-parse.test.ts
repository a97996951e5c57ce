import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parse.js';

describe('SseParser', () => {
  const stream =
    ': keep-alive\n\nevent: alerts\ndata: {"count": 3}\n\nevent: samples\r\ndata: a\r\ndata: b\r\n\r\n';

  it('parses named events, multi-line data and skips comments', () => {
    expect(new SseParser().push(stream)).toEqual([
      { event: 'alerts', data: '{"count": 3}' },
      { event: 'samples', data: 'a\nb' },
    ]);
  });

  it('gives the same events however the stream is split', () => {
    const whole = new SseParser().push(stream);
    for (let cut = 1; cut < stream.length; cut++) {
      const p = new SseParser();
      const got = [...p.push(stream.slice(0, cut)), ...p.push(stream.slice(cut))];
      expect(got, `cut at ${cut}`).toEqual(whole);
    }
  });

  it('defaults the name to message and holds an unfinished event', () => {
    const p = new SseParser();
    expect(p.push('data: x\n')).toEqual([]);
    expect(p.push('\n')).toEqual([{ event: 'message', data: 'x' }]);
  });
});
