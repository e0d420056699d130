/** Resource limits of one sandboxed process tree. Names match the GraphQL `Limits` type. */
export interface Limits {
  /** CPU time (user + system) of the whole process tree, in milliseconds. */
  cpuTimeMs: number;
  /** Wall-clock time from start to exit, in milliseconds. */
  wallTimeMs: number;
  /** Memory (RSS + page cache + tmpfs), no swap, in MiB. */
  memoryMb: number;
  /** Processes and threads that may exist at once. */
  processes: number;
  /** stdout and stderr together, in KiB; output past it is cut and the program stopped. */
  outputKb: number;
}

export const LIMIT_FIELDS = ['cpuTimeMs', 'wallTimeMs', 'memoryMb', 'processes', 'outputKb'] as const;
export type LimitField = (typeof LIMIT_FIELDS)[number];
