import type { Limits } from '../../common/limits';

/**
 * Run limits of a small program in an interpreter or a native binary. Measured hello worlds
 * (one CPU, runc) stay far below them: CPython 10 ms CPU / 8 MB, Node.js 130 ms / 48 MB and
 * 6 threads, Ruby 70 ms / 13 MB, PHP 30 ms / 17 MB, C/C++/Rust/Go binaries ~1 ms. Languages
 * whose runtime needs more (threads, a JVM heap) spread this and raise single fields.
 */
export const BASE_LIMITS: Limits = {
  cpuTimeMs: 2000,
  wallTimeMs: 5000,
  memoryMb: 256,
  processes: 32,
  outputKb: 1024,
};
