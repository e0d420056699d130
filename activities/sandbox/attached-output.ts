import { CappedBuffer } from './capped-buffer';
import { FrameParser } from './frames';

/** The container's stdout and stderr as they arrive over the attach stream. */
export interface AttachedOutput {
  stdout: CappedBuffer;
  stderr: CappedBuffer;
  /** Resolves when the stream ends (or fails: what arrived is all there is). */
  ended: Promise<void>;
}

/**
 * Demultiplexes an attach stream into two capped buffers. `onOverflow` is called at the
 * first byte past a cap: the supervisor cuts output at the limit, so more means it is not
 * in control and the container must go.
 */
export function collectAttachedOutput(
  stream: NodeJS.ReadableStream,
  caps: { stdout: number; stderr: number },
  onOverflow: () => void,
  onStreamError: (err: unknown) => void,
): AttachedOutput {
  const stdout = new CappedBuffer(caps.stdout);
  const stderr = new CappedBuffer(caps.stderr);
  const parser = new FrameParser((which, payload) => {
    if (!(which === 'stdout' ? stdout : stderr).push(payload)) onOverflow();
  });
  const ended = new Promise<void>((resolve) => {
    stream.on('data', (chunk: Buffer) => parser.push(chunk));
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', (err: unknown) => {
      onStreamError(err);
      resolve();
    });
  });
  return { stdout, stderr, ended };
}
