import type { Limits } from '../../common/limits';

/**
 * Run limits of a small program in an interpreter or a native binary. Languages whose
 * runtime needs more (threads, a JVM heap) spread this and raise single fields.
 */
export const BASE_LIMITS: Limits = {
  cpuTimeMs: 2000,
  wallTimeMs: 5000,
  memoryMb: 256,
  processes: 32,
  outputKb: 1024,
};
