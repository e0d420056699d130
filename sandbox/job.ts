import { frameHeader } from './frames';

/** A file as the supervisor's frames carry it: handed into the working directory, or collected from it. */
export interface JobFile {
  /** Relative path below the working directory. */
  path: string;
  /** Permission bits (e.g. 0o755). */
  mode: number;
  content: Uint8Array;
}

/** One job for sandflow-run --serve (sandbox/supervisor/protocol.h documents the frames). */
export interface SupervisorJob {
  /** Options, then '--', then the program's argv. */
  args: readonly string[];
  files: readonly JobFile[];
  /** The program's stdin; none means /dev/null. */
  stdin?: Uint8Array;
  /** The container's nonce: a job without it is refused (see sandbox/supervisor/protocol.h). */
  nonce: string;
}

/** The frame types of a job (host -> sandflow-run). */
export const IN = { arg: 'a', file: 'f', stdin: 'i', go: 'g' } as const;

function frame(type: string, ...parts: Uint8Array[]): Uint8Array[] {
  const length = parts.reduce((n, p) => n + p.length, 0);
  return [frameHeader(type.charCodeAt(0), length), ...parts];
}

/** `mode` as 4 octal digits, then the path and a NUL: the head of a file frame either way. */
export function fileHead(file: Pick<JobFile, 'path' | 'mode'>): Buffer {
  return Buffer.from(`${(file.mode & 0o777).toString(8).padStart(4, '0')}${file.path}\0`);
}

/** The job as the bytes to write to the supervisor's stdin. */
export function encodeJob(job: SupervisorJob): Buffer {
  const parts: Uint8Array[] = [];
  for (const arg of job.args) {
    if (arg.includes('\0')) throw new Error('sandbox arguments cannot contain NUL bytes');
    parts.push(...frame(IN.arg, Buffer.from(arg)));
  }
  for (const file of job.files) parts.push(...frame(IN.file, fileHead(file), file.content));
  if (job.stdin) parts.push(...frame(IN.stdin, job.stdin));
  parts.push(...frame(IN.go, Buffer.from(job.nonce)));
  return Buffer.concat(parts);
}

/** Splits a collected file frame's payload back into a file. */
export function decodeFile(payload: Buffer): JobFile {
  const nul = payload.indexOf(0, 4);
  if (nul < 0) throw new Error('malformed file frame from the sandbox');
  return {
    mode: parseInt(payload.subarray(0, 4).toString('latin1'), 8),
    path: payload.subarray(4, nul).toString('utf8'),
    content: payload.subarray(nul + 1),
  };
}
