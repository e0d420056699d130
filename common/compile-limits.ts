import type { Limits } from './limits';

/** Compilers get more room than programs: they are trusted more and only run once. */
export const COMPILE_LIMITS: Limits = {
  cpuTimeMs: 20_000,
  wallTimeMs: 40_000,
  memoryMb: 1024,
  processes: 128,
  outputKb: 256,
};

/** A language's compile limits: {@link COMPILE_LIMITS}, with what its definition overrides. */
export function compileLimitsOf(language: { readonly compileLimits?: Partial<Limits> }): Limits {
  return { ...COMPILE_LIMITS, ...language.compileLimits };
}
