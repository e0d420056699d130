/**
 * Parser of Docker's multiplexed attach stream (non-TTY): frames of an 8-byte header
 * [stream type, 0, 0, 0, payload length as uint32 big-endian] followed by the payload.
 * Payload bytes are handed on as slices of the incoming chunks, never re-assembled.
 */
export type StreamType = 'stdout' | 'stderr';

const HEADER = 8;

export class FrameParser {
  private readonly header = Buffer.alloc(HEADER);
  private headerFill = 0;
  private remaining = 0;
  private current: StreamType | null = null;

  constructor(private readonly sink: (stream: StreamType, payload: Buffer) => void) {}

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, chunk.length - at);
        // Type 0 (stdin) is never attached here; its bytes are skipped, not misfiled.
        if (this.current) this.sink(this.current, chunk.subarray(at, at + n));
        this.remaining -= n;
        at += n;
        continue;
      }
      const n = Math.min(HEADER - this.headerFill, chunk.length - at);
      chunk.copy(this.header, this.headerFill, at, at + n);
      this.headerFill += n;
      at += n;
      if (this.headerFill < HEADER) break;
      this.headerFill = 0;
      const type = this.header[0];
      this.current = type === 1 ? 'stdout' : type === 2 ? 'stderr' : null;
      this.remaining = this.header.readUInt32BE(4);
    }
  }
}
