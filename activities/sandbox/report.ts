import { z } from 'zod';

/** The line sandflow-run appends to its stderr once the program tree is gone. */
const reportSchema = z.object({
  exitCode: z.number().int().nullable(),
  signal: z.number().int().positive().nullable(),
  cpuMs: z.number().int().nonnegative(),
  wallMs: z.number().int().nonnegative(),
  maxRssKb: z.number().int().nonnegative(),
  cpuLimitExceeded: z.boolean(),
  wallLimitExceeded: z.boolean(),
  outputLimitExceeded: z.boolean(),
});

export type SupervisorReport = z.infer<typeof reportSchema>;

export function reportMarker(nonce: string): string {
  return `@@SANDFLOW:${nonce}@@`;
}

/**
 * Splits the container's stderr into the program's stderr and the supervisor's report.
 * Only the last marker counts: the program cannot know the nonce, and the supervisor
 * writes its report after every byte the program wrote. No valid report means the
 * supervisor did not finish, and nothing after the cut is trusted.
 */
export function splitReport(stderr: Buffer, nonce: string): { programStderr: Buffer; report: SupervisorReport | null } {
  const marker = Buffer.from(reportMarker(nonce));
  const at = stderr.lastIndexOf(marker);
  if (at < 0) return { programStderr: stderr, report: null };
  const start = at + marker.length;
  const end = stderr.indexOf(0x0a, start);
  const json = stderr.subarray(start, end < 0 ? stderr.length : end).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    parsed = undefined;
  }
  const result = reportSchema.safeParse(parsed);
  return { programStderr: stderr.subarray(0, at), report: result.success ? result.data : null };
}
