import { z } from 'zod';

/** The last frame of every job of sandflow-run (sandbox/supervisor/report.c). */
export const reportSchema = z.object({
  exitCode: z.number().int().nullable(),
  signal: z.number().int().positive().nullable(),
  cpuMs: z.number().int().nonnegative(),
  wallMs: z.number().int().nonnegative(),
  maxRssKb: z.number().int().nonnegative(),
  cpuLimitExceeded: z.boolean(),
  wallLimitExceeded: z.boolean(),
  outputLimitExceeded: z.boolean(),
  /** The cgroup's oom_kill counter rose during the job; null where no cgroup is visible (gVisor). */
  oomKilled: z.boolean().nullable(),
  /** 'cgroup': every process counted; 'tree': reaped and live processes only (no cgroup visible). */
  cpuSource: z.enum(['cgroup', 'tree']),
  /** The program's files could not be placed (no room, too many): the program never ran. */
  setupError: z.string().nullable(),
  /** The files to collect were not sent (too large). */
  collectError: z.string().nullable(),
  /** Every process is gone and every writable place emptied: the container may serve again. */
  clean: z.boolean(),
});

export type SupervisorReport = z.infer<typeof reportSchema>;

/**
 * The report frame's JSON, or null when it is not a valid report: one that does not start
 * with the container's nonce was written by the program (gVisor lets it reach the channel).
 */
export function parseReport(payload: Buffer, nonce: string): SupervisorReport | null {
  const prefix = Buffer.from(nonce);
  if (payload.length < prefix.length || !payload.subarray(0, prefix.length).equals(prefix)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.subarray(prefix.length).toString('utf8'));
  } catch {
    return null;
  }
  const result = reportSchema.safeParse(parsed);
  return result.success ? result.data : null;
}
