/**
 * Collects bytes up to a cap and drops the rest, remembering that it did. Chunks are
 * kept as they came and joined once, at the end, so a long stream costs no re-copying.
 */
export class CappedBuffer {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private dropped = false;

  constructor(readonly cap: number) {}

  /** Appends what fits; returns false once anything had to be dropped. */
  push(chunk: Buffer): boolean {
    const room = this.cap - this.kept;
    if (chunk.length > room) {
      this.dropped = true;
      if (room > 0) this.chunks.push(chunk.subarray(0, room));
      this.kept = this.cap;
      return false;
    }
    this.chunks.push(chunk);
    this.kept += chunk.length;
    return true;
  }

  get length(): number {
    return this.kept;
  }

  /** True once more bytes arrived than the cap allows. */
  get overflowed(): boolean {
    return this.dropped;
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.kept);
  }
}
