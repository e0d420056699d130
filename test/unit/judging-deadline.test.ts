import { describe, expect, it } from 'vitest';
import { COMPILE_LIMITS } from '../../common/compile-limits';
import { judgingDeadlineMs, SANDBOX_OVERHEAD_MS } from '../../common/judging-deadline';

describe('judgingDeadlineMs', () => {
  const work = { testCount: 3, runWallTimeMs: 2000, engineOutageBudgetMs: 10_000 };

  it('adds every run one after the other, the outage budget and the overhead, once', () => {
    expect(judgingDeadlineMs({ ...work, language: {} })).toBe(3 * 2000 + 10_000 + SANDBOX_OVERHEAD_MS);
  });

  it("adds a compiled language's compile wall limit, its own where it sets one", () => {
    const compiled = { compile: ['gcc', 'main.c'] };
    expect(judgingDeadlineMs({ ...work, language: compiled })).toBe(
      COMPILE_LIMITS.wallTimeMs + 3 * 2000 + 10_000 + SANDBOX_OVERHEAD_MS,
    );
    expect(judgingDeadlineMs({ ...work, language: { ...compiled, compileLimits: { wallTimeMs: 90_000 } } })).toBe(
      90_000 + 3 * 2000 + 10_000 + SANDBOX_OVERHEAD_MS,
    );
  });

  it('counts a submission without test cases as one run', () => {
    expect(judgingDeadlineMs({ ...work, testCount: 0, language: {} })).toBe(2000 + 10_000 + SANDBOX_OVERHEAD_MS);
  });
});
