import type { Readable } from 'node:stream';

/** A stored blob: its content address (sha256, lowercase hex) and its size in bytes. */
export interface BlobRef {
  sha256: string;
  size: number;
}

/** Options of one {@link BlobStore.put}. */
export interface PutBlobOptions {
  /** The most bytes this blob may have; a longer stream fails with {@link BlobTooLargeError} and stores nothing. */
  maxBytes?: number;
}

/**
 * Content-addressed storage of immutable blobs: a blob's name is the sha256 of its bytes, so the same
 * bytes are stored once however often they are put, and a blob nobody references is harmless.
 * Implementations stream: neither put nor get holds a whole blob in memory.
 */
export interface BlobStore {
  /** Stores the bytes of `source` and returns their address; the blob is visible only once complete. */
  put(source: AsyncIterable<Uint8Array>, options?: PutBlobOptions): Promise<BlobRef>;
  /** The bytes of a blob as a stream; rejects with {@link BlobNotFoundError} when there is none. */
  get(sha256: string): Promise<Readable>;
  has(sha256: string): Promise<boolean>;
  /** The size of a stored blob, or null when there is none. */
  stat(sha256: string): Promise<BlobRef | null>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A blob address that is not 64 lowercase hex digits (which also keeps it from naming any other path). */
export class InvalidBlobHashError extends Error {
  constructor(readonly value: string) {
    super(`blob hash must be 64 lowercase hex digits (a sha256), got ${JSON.stringify(value.slice(0, 80))}`);
    this.name = 'InvalidBlobHashError';
  }
}

export class BlobNotFoundError extends Error {
  constructor(readonly sha256: string) {
    super(`blob ${sha256} is not stored`);
    this.name = 'BlobNotFoundError';
  }
}

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`blob is larger than the limit of ${maxBytes} bytes`);
    this.name = 'BlobTooLargeError';
  }
}

/** Bytes whose sha256 is not the address they were stored or fetched under. */
export class BlobCorruptError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`blob ${expected} is corrupt: its bytes hash to ${actual}`);
    this.name = 'BlobCorruptError';
  }
}

/** Returns `value` when it is a valid blob address, else throws {@link InvalidBlobHashError}. */
export function assertBlobHash(value: string): string {
  if (!SHA256_HEX.test(value)) throw new InvalidBlobHashError(value);
  return value;
}
