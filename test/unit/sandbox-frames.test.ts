import { describe, expect, it } from 'vitest';
import { CappedBuffer } from '../../sandbox/capped-buffer';
import { FrameParser, type StreamType } from '../../sandbox/frames';

function frame(type: number, payload: string | Buffer): Buffer {
  const body = Buffer.from(payload);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

function collect(chunks: Buffer[]): Record<StreamType, string> {
  const out: Record<StreamType, Buffer[]> = { stdout: [], stderr: [] };
  const parser = new FrameParser((stream, payload) => out[stream].push(Buffer.from(payload)));
  for (const c of chunks) parser.push(c);
  return { stdout: Buffer.concat(out.stdout).toString(), stderr: Buffer.concat(out.stderr).toString() };
}

describe('FrameParser', () => {
  const stream = Buffer.concat([frame(1, 'hello '), frame(2, 'oops'), frame(1, 'world'), frame(0, 'ignored'), frame(2, '!')]);

  it('splits a multiplexed stream into stdout and stderr', () => {
    expect(collect([stream])).toEqual({ stdout: 'hello world', stderr: 'oops!' });
  });

  it('copes with frames and headers cut at every possible byte', () => {
    for (let cut = 1; cut < stream.length; cut++) {
      expect(collect([stream.subarray(0, cut), stream.subarray(cut)])).toEqual({ stdout: 'hello world', stderr: 'oops!' });
    }
    const bytes = Array.from(stream, (b) => Buffer.from([b]));
    expect(collect(bytes)).toEqual({ stdout: 'hello world', stderr: 'oops!' });
  });

  it('passes empty frames and binary payloads through unchanged', () => {
    const binary = Buffer.from([0, 255, 1, 0xc3]);
    const out: Buffer[] = [];
    const parser = new FrameParser((_s, p) => out.push(Buffer.from(p)));
    parser.push(Buffer.concat([frame(1, ''), frame(1, binary)]));
    expect(Buffer.concat(out)).toEqual(binary);
  });
});

describe('CappedBuffer', () => {
  it('keeps everything below the cap', () => {
    const b = new CappedBuffer(10);
    expect(b.push(Buffer.from('12345'))).toBe(true);
    expect(b.push(Buffer.from('67890'))).toBe(true);
    expect(b.bytes().toString()).toBe('1234567890');
    expect(b.overflowed).toBe(false);
  });

  it('keeps the exact prefix and reports the overflow', () => {
    const b = new CappedBuffer(7);
    b.push(Buffer.from('12345'));
    expect(b.push(Buffer.from('67890'))).toBe(false);
    expect(b.push(Buffer.from('more'))).toBe(false);
    expect(b.bytes().toString()).toBe('1234567');
    expect(b.length).toBe(7);
    expect(b.overflowed).toBe(true);
  });
});
