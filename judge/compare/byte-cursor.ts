/**
 * Where the comparator stands in one side's bytes: the chunk being read, the chunks read ahead
 * by a peek, and the last few bytes before the chunk (for excerpts). It never holds more than
 * that, so a 64 MiB output costs one chunk of memory, not 64 MiB.
 *
 * The hot loops read `buf[pos..end)` directly and call the async methods only at a chunk's end.
 */

/** One side's bytes: a stream (a Node Readable is one), any iterable of chunks, or one buffer. */
export type ByteSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array> | Uint8Array;

/** How many bytes before the current position stay visible to lookBehind(). */
export const HISTORY_BYTES = 128;

const EMPTY = new Uint8Array(0);

export class ByteCursor {
  /** The current chunk: `buf[pos..end)` is not read yet. */
  buf: Uint8Array = EMPTY;
  pos = 0;
  end = 0;
  /** Set once fill() found nothing more: the stream is read to its end. */
  eof = false;
  /** Chunks pulled from the source by a peek, not yet current. */
  private readonly ahead: Uint8Array[] = [];
  private sourceDone = false;
  /** Bytes of the stream before `buf[0]`. */
  private before = 0;
  /** The last (at most HISTORY_BYTES) bytes before `buf[0]`. */
  private history: Uint8Array = EMPTY;
  private readonly iterator: AsyncIterator<unknown> | Iterator<unknown>;

  constructor(
    source: ByteSource,
    /** Which side this is, for errors about its chunks. */
    private readonly side: string,
  ) {
    this.iterator = iteratorOf(source instanceof Uint8Array ? [source] : source);
  }

  /** Offset in the stream of the next unread byte. */
  get offset(): number {
    return this.before + this.pos;
  }

  /**
   * Makes the next chunk current once `buf` is read to its end. False at the end of the stream
   * (and `eof` set).
   */
  async fill(): Promise<boolean> {
    for (;;) {
      const next = this.ahead.shift() ?? (await this.pull());
      if (next === null) {
        this.retire(EMPTY);
        this.eof = true;
        return false;
      }
      if (next.length === 0) continue;
      this.retire(next);
      return true;
    }
  }

  /**
   * The byte `i` places after the current position: -1 past the end of the stream, -2 when not
   * read yet (ensure() it first).
   */
  byteAt(i: number): number {
    let at = this.pos + i;
    if (at < this.end) return this.buf[at] ?? -1;
    at -= this.end;
    for (const chunk of this.ahead) {
      if (at < chunk.length) return chunk[at] ?? -1;
      at -= chunk.length;
    }
    return this.sourceDone ? -1 : -2;
  }

  /** Reads ahead until `n` unread bytes are at hand or the stream ends. */
  async ensure(n: number): Promise<void> {
    while (this.unread() < n && !this.sourceDone) {
      const chunk = await this.pull();
      if (chunk !== null && chunk.length > 0) this.ahead.push(chunk);
    }
  }

  /** Consumes `n` bytes, which must be at hand (see ensure()). */
  advance(n: number): void {
    let left = n;
    for (;;) {
      const take = Math.min(left, this.end - this.pos);
      this.pos += take;
      left -= take;
      if (left === 0) return;
      const next = this.ahead.shift();
      if (next === undefined) throw new RangeError(`${this.side}: advanced past the bytes read`);
      this.retire(next);
    }
  }

  /**
   * The unread bytes up to the first for which `stops` holds (included if `includeStop`) or the
   * end of the stream, at most `max` of them; `cut` when `max` came first.
   */
  async peekUntil(
    max: number,
    stops: (byte: number) => boolean,
    includeStop = false,
  ): Promise<{ bytes: Uint8Array; cut: boolean }> {
    const out: number[] = [];
    for (;;) {
      if (out.length === max) return { bytes: Uint8Array.from(out), cut: true };
      let b = this.byteAt(out.length);
      if (b === -2) {
        await this.ensure(out.length + 1);
        b = this.byteAt(out.length);
      }
      if (b < 0) return { bytes: Uint8Array.from(out), cut: false };
      if (stops(b)) {
        if (includeStop) out.push(b);
        return { bytes: Uint8Array.from(out), cut: false };
      }
      out.push(b);
    }
  }

  /** The last `n` bytes consumed (fewer at the start of the stream); `n` ≤ HISTORY_BYTES. */
  lookBehind(n: number): Uint8Array {
    const fromChunk = Math.min(n, this.pos);
    const fromHistory = Math.min(n - fromChunk, this.history.length);
    const out = new Uint8Array(fromHistory + fromChunk);
    out.set(this.history.subarray(this.history.length - fromHistory), 0);
    out.set(this.buf.subarray(this.pos - fromChunk, this.pos), fromHistory);
    return out;
  }

  /** Lets the source go (a stream is destroyed) when the comparison stops before its end. */
  async release(): Promise<void> {
    if (!this.sourceDone) {
      this.sourceDone = true;
      await this.iterator.return?.();
    }
  }

  private unread(): number {
    let n = this.end - this.pos;
    for (const chunk of this.ahead) n += chunk.length;
    return n;
  }

  /** Makes `next` the current chunk, keeping the tail of the one it replaces as history. */
  private retire(next: Uint8Array): void {
    const old = this.buf.subarray(0, this.end);
    if (old.length >= HISTORY_BYTES) {
      this.history = old.slice(old.length - HISTORY_BYTES);
    } else if (old.length > 0) {
      const keep = Math.min(this.history.length, HISTORY_BYTES - old.length);
      const joined = new Uint8Array(keep + old.length);
      joined.set(this.history.subarray(this.history.length - keep), 0);
      joined.set(old, keep);
      this.history = joined;
    }
    this.before += this.end;
    this.buf = next;
    this.pos = 0;
    this.end = next.length;
  }

  private async pull(): Promise<Uint8Array | null> {
    if (this.sourceDone) return null;
    const result = await this.iterator.next();
    if (result.done === true) {
      this.sourceDone = true;
      return null;
    }
    const chunk: unknown = result.value;
    if (!(chunk instanceof Uint8Array)) {
      const what = typeof chunk === 'string' ? 'a string (a stream with an encoding set?)' : typeof chunk;
      throw new TypeError(`${this.side}: chunks must be bytes (Buffer or Uint8Array), got ${what}`);
    }
    return chunk;
  }
}

function iteratorOf(source: AsyncIterable<unknown> | Iterable<unknown>): AsyncIterator<unknown> | Iterator<unknown> {
  if (Symbol.asyncIterator in source) return source[Symbol.asyncIterator]();
  return source[Symbol.iterator]();
}
