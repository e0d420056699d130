import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { z } from 'zod';

const logLine = z.record(z.string(), z.unknown());

/** A pino logger whose JSON lines are parsed into `lines` as they are written, for asserting on what was logged. */
export function capturingLogger(level: pino.Level = 'info'): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(logLine.parse(JSON.parse(line)));
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}
