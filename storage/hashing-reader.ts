import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { BlobCorruptError } from './blob-store';

/**
 * Passes bytes through unchanged and, at the end, fails the stream with {@link BlobCorruptError}
 * when they do not hash to `expected`: a reader sees the error instead of a clean end.
 */
export function verifyingStream(expected: string): Transform {
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback: TransformCallback) {
      const actual = hash.digest('hex');
      callback(actual === expected ? null : new BlobCorruptError(expected, actual));
    },
  });
}
