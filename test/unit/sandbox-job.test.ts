import { describe, expect, it } from 'vitest';
import { RawFrameParser } from '../../sandbox/frames';
import { decodeFile, encodeJob, fileHead } from '../../sandbox/job';

describe('encodeJob', () => {
  it('frames arguments, files, stdin and the go, in that order', () => {
    const bytes = encodeJob({
      args: ['--cpu-ms', '5', '--', 'prog'],
      files: [{ path: 'a/b', mode: 0o755, content: Buffer.from('xy') }],
      stdin: Buffer.from('in'),
      nonce: 'n0nce',
    });
    const frames: [string, string][] = [];
    let current: Buffer[] = [];
    new RawFrameParser({
      data: (_type, payload) => current.push(Buffer.from(payload)),
      end: (type) => {
        frames.push([String.fromCharCode(type), Buffer.concat(current).toString('latin1')]);
        current = [];
      },
    }).push(bytes);
    expect(frames).toEqual([
      ['a', '--cpu-ms'],
      ['a', '5'],
      ['a', '--'],
      ['a', 'prog'],
      ['f', '0755a/b\0xy'],
      ['i', 'in'],
      ['g', 'n0nce'],
    ]);
  });

  it('refuses arguments with NUL bytes, which would split into two', () => {
    expect(() => encodeJob({ args: ['a\0b'], files: [], nonce: 'n' })).toThrow(/NUL/);
  });
});

describe('decodeFile', () => {
  it('reads back a file frame', () => {
    const payload = Buffer.concat([fileHead({ path: 'Main$1.class', mode: 0o644 }), Buffer.from([0, 1, 2])]);
    expect(decodeFile(payload)).toEqual({ path: 'Main$1.class', mode: 0o644, content: Buffer.from([0, 1, 2]) });
  });
});
