import { InvalidArgumentError } from 'commander';

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m)?$/;
const DURATION_UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000 };

/**
 * `--time` / `--wall-time`: a duration in milliseconds. A number with `ms`, `s` or `m`
 * (`1500ms`, `2s`, `0.5s`, `1m`); a bare number is seconds, as in `ulimit -t` and `timeout`.
 */
export function parseDuration(value: string): number {
  const match = DURATION.exec(value.trim().toLowerCase());
  const result = Math.round(Number(match?.[1]) * (DURATION_UNIT_MS[match?.[2] ?? 's'] ?? NaN));
  if (!match || !Number.isFinite(result) || result < 1) {
    throw new InvalidArgumentError('must be a duration such as 2s, 1500ms or 0.5s (a bare number is seconds)');
  }
  return result;
}

const MEMORY = /^(\d+(?:\.\d+)?)(k|m|g)?(?:i?b)?$/;
const MEMORY_UNIT_MB: Readonly<Record<string, number>> = { k: 1 / 1024, m: 1, g: 1024 };

/** `--memory`: whole MiB. A number with `k`, `m` or `g` (`256m`, `1g`, `256MiB`); a bare number is MiB. */
export function parseMemory(value: string): number {
  const match = MEMORY.exec(value.trim().toLowerCase());
  const result = Number(match?.[1]) * (MEMORY_UNIT_MB[match?.[2] ?? 'm'] ?? NaN);
  if (!match || !Number.isInteger(result) || result < 1) {
    throw new InvalidArgumentError('must be whole MiB such as 256m, 1g or 512 (a bare number is MiB)');
  }
  return result;
}
