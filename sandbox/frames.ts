/**
 * Frames of 8-byte header [type, 0, 0, 0, payload length as uint32 big-endian] and payload:
 * the shape of Docker's multiplexed attach stream (type 1 stdout, 2 stderr) and, inside the
 * container's stdout, of sandflow-run's own protocol (sandbox/supervisor/protocol.h).
 * Payload bytes are handed on as slices of the incoming chunks, never re-assembled.
 */
export type StreamType = 'stdout' | 'stderr';

export const FRAME_HEADER_BYTES = 8;

/** A frame header for `length` payload bytes of `type`. */
export function frameHeader(type: number, length: number): Buffer {
  const header = Buffer.alloc(FRAME_HEADER_BYTES);
  header[0] = type;
  header.writeUInt32BE(length, 4);
  return header;
}

export interface FrameSink {
  /** Some payload bytes of the current frame (a frame may arrive in several pieces). */
  data(type: number, payload: Buffer): void;
  /** The current frame is complete. */
  end?(type: number): void;
}

export class RawFrameParser {
  private readonly header = Buffer.alloc(FRAME_HEADER_BYTES);
  private headerFill = 0;
  private remaining = 0;
  private current = -1;

  constructor(private readonly sink: FrameSink) {}

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, chunk.length - at);
        this.sink.data(this.current, chunk.subarray(at, at + n));
        this.remaining -= n;
        at += n;
        if (this.remaining === 0) this.sink.end?.(this.current);
        continue;
      }
      const n = Math.min(FRAME_HEADER_BYTES - this.headerFill, chunk.length - at);
      chunk.copy(this.header, this.headerFill, at, at + n);
      this.headerFill += n;
      at += n;
      if (this.headerFill < FRAME_HEADER_BYTES) break;
      this.headerFill = 0;
      this.current = this.header[0] ?? -1;
      this.remaining = this.header.readUInt32BE(4);
      if (this.remaining === 0) this.sink.end?.(this.current);
    }
  }
}

/** Docker's attach stream split into stdout and stderr; type 0 (stdin) is skipped, not misfiled. */
export class FrameParser extends RawFrameParser {
  constructor(sink: (stream: StreamType, payload: Buffer) => void) {
    super({
      data: (type, payload) => {
        if (type === 1) sink('stdout', payload);
        else if (type === 2) sink('stderr', payload);
      },
    });
  }
}
