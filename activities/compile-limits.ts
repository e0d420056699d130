import type { Limits } from '../common/limits';
import type { LanguageDefinition } from '../runtimes/language';

/** Compilers get more room than programs: they are trusted more and only run once. */
export const COMPILE_LIMITS: Limits = {
  cpuTimeMs: 20_000,
  wallTimeMs: 40_000,
  memoryMb: 1024,
  processes: 128,
  outputKb: 256,
};

export function compileLimitsOf(language: LanguageDefinition): Limits {
  return { ...COMPILE_LIMITS, ...language.compileLimits };
}
