import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../common/submission';
import { judgeGroups } from '../../judge/judge-groups';
import type { ProblemPackage, TestCase, TestGroup } from '../../problems/problem-model';

const blob = (path: string) => ({ path, sha256: '0'.repeat(64), size: 1 });

function testCase(name: string, points: number | null = null): TestCase {
  return { name, input: blob(`data/${name}.in`), answer: blob(`data/${name}.ans`), points };
}

function group(name: string, cases: TestCase[], groups: TestGroup[] = [], settings: Partial<TestGroup> = {}): TestGroup {
  return {
    name,
    cases,
    groups,
    stopOnFirstFailure: true,
    aggregation: 'all-or-nothing',
    maxScore: null,
    requirePass: [],
    outputValidatorFlags: [],
    ...settings,
  };
}

function problem(sample: TestGroup, secret: TestGroup, type: ProblemPackage['type'] = 'pass-fail'): ProblemPackage {
  return {
    formatVersion: 'legacy',
    name: { en: 'P' },
    uuid: null,
    type,
    interactive: false,
    limits: { timeLimitMs: 1000, timeLimitSource: 'option', timeMultipliers: { acToTimeLimit: 2, timeLimitToTle: 1.5 } },
    outputValidation: { kind: 'default', flags: [], programs: [] },
    sample,
    secret,
    sampleInteractions: [],
    submissions: [],
  };
}

/** Judges with verdicts by case name (ACCEPTED for the rest), recording which cases ran, in order of start. */
async function judge(p: ProblemPackage, verdicts: Record<string, Verdict> = {}, parallelRuns = 1) {
  const ran: string[] = [];
  const judgement = await judgeGroups(p, {
    parallelRuns,
    judgeCase: async (planned) => {
      ran.push(`${planned.index}:${planned.testCase.name}`);
      await new Promise((resolve) => setTimeout(resolve, 1));
      return verdicts[planned.testCase.name] ?? 'ACCEPTED';
    },
  });
  return { judgement, ran };
}

const ICPC = problem(
  group('sample', [testCase('sample/1'), testCase('sample/2')]),
  group('secret', [testCase('secret/1'), testCase('secret/2'), testCase('secret/3')]),
);

describe('judgeGroups', () => {
  it('judges the samples, then the secret cases, numbering them in that order', async () => {
    const { judgement, ran } = await judge(ICPC);
    expect(ran).toEqual(['0:sample/1', '1:sample/2', '2:secret/1', '3:secret/2', '4:secret/3']);
    expect(judgement).toEqual({
      verdict: 'ACCEPTED',
      score: null,
      maxScore: null,
      groups: [
        { name: 'sample', verdict: 'ACCEPTED', score: null, maxScore: null, cases: 2, passed: 2, failed: 0, skipped: 0 },
        { name: 'secret', verdict: 'ACCEPTED', score: null, maxScore: null, cases: 3, passed: 3, failed: 0, skipped: 0 },
      ],
    });
  });

  it('stops at the first failure: the verdict is that case, the rest are skipped', async () => {
    const { judgement, ran } = await judge(ICPC, { 'secret/2': 'TIME_LIMIT_EXCEEDED' });
    expect(ran).toEqual(['0:sample/1', '1:sample/2', '2:secret/1', '3:secret/2']);
    expect(judgement.verdict).toBe('TIME_LIMIT_EXCEEDED');
    expect(judgement.groups[1]).toMatchObject({ verdict: 'TIME_LIMIT_EXCEEDED', passed: 1, failed: 1, skipped: 1 });
  });

  it('takes the first failure in case order, not in order of finishing, when cases run in parallel', async () => {
    const p = problem(group('sample', []), group('secret', [testCase('secret/1'), testCase('secret/2'), testCase('secret/3')]));
    const { judgement } = await judge(p, { 'secret/2': 'WRONG_ANSWER', 'secret/3': 'RUNTIME_ERROR' }, 3);
    expect(judgement.verdict).toBe('WRONG_ANSWER');
    // secret/3 ran (it started before secret/2 failed) but comes after the failure: not counted.
    expect(judgement.groups[1]).toMatchObject({ passed: 1, failed: 1, skipped: 1 });
  });

  it('skips the secret group after a rejected sample in a problem that stops on failures', async () => {
    const { judgement, ran } = await judge(ICPC, { 'sample/1': 'WRONG_ANSWER' });
    expect(ran).toEqual(['0:sample/1']);
    expect(judgement.verdict).toBe('WRONG_ANSWER');
    expect(judgement.groups[1]).toMatchObject({ name: 'secret', verdict: null, skipped: 3 });
  });

  it('runs every case of a group that does not stop, and reports the first failure in order', async () => {
    const p = problem(
      group('sample', [], [], { stopOnFirstFailure: false }),
      group('secret', [testCase('secret/1'), testCase('secret/2'), testCase('secret/3')], [], { stopOnFirstFailure: false }),
    );
    const { judgement, ran } = await judge(p, { 'secret/2': 'WRONG_ANSWER', 'secret/3': 'RUNTIME_ERROR' });
    expect(ran).toHaveLength(3);
    expect(judgement.verdict).toBe('WRONG_ANSWER');
    expect(judgement.groups[1]).toMatchObject({ passed: 1, failed: 2, skipped: 0 });
  });

  it('scores subtasks all or nothing, summed in the secret group, samples unscored', async () => {
    const p = problem(
      group('sample', [testCase('sample/1')], [], { stopOnFirstFailure: false }),
      group(
        'secret',
        [],
        [
          group('secret/a', [testCase('secret/a/1', 20), testCase('secret/a/2', 20)], [], { maxScore: 40 }),
          group('secret/b', [testCase('secret/b/1', 30), testCase('secret/b/2', 30)], [], { maxScore: 60 }),
        ],
        { aggregation: 'sum', maxScore: 100, stopOnFirstFailure: false },
      ),
      'scoring',
    );
    const { judgement, ran } = await judge(p, { 'secret/b/1': 'WRONG_ANSWER', 'sample/1': 'WRONG_ANSWER' });
    // The failing sample does not stop a problem whose groups continue; secret/b stops at its failure.
    expect(ran.map((r) => r.split(':')[1])).toEqual(['sample/1', 'secret/a/1', 'secret/a/2', 'secret/b/1']);
    expect(judgement).toMatchObject({ verdict: 'WRONG_ANSWER', score: 40, maxScore: 100 });
    expect(judgement.groups.map((g) => [g.name, g.score, g.maxScore, g.skipped])).toEqual([
      ['sample', null, null, 0],
      ['secret', 40, 100, 0],
      ['secret/a', 40, 40, 0],
      ['secret/b', 0, 60, 1],
    ]);
  });

  it('sums per-case points, and takes the minimum where the group says so', async () => {
    const cases = [testCase('secret/1', 10), testCase('secret/2', 10), testCase('secret/3', 10)];
    const summed = problem(
      group('sample', []),
      group('secret', cases, [], { aggregation: 'sum', maxScore: 30, stopOnFirstFailure: false }),
      'scoring',
    );
    expect((await judge(summed, { 'secret/2': 'WRONG_ANSWER' })).judgement).toMatchObject({ score: 20, maxScore: 30 });
    const least = problem(
      group('sample', []),
      group('secret', cases, [], { aggregation: 'min', maxScore: 10, stopOnFirstFailure: false }),
      'scoring',
    );
    expect((await judge(least, { 'secret/2': 'WRONG_ANSWER' })).judgement.score).toBe(0);
    expect((await judge(least)).judgement.score).toBe(10);
  });

  it('skips a group whose required groups did not all pass, and judges it when they did', async () => {
    const build = () =>
      problem(
        group('sample', []),
        group(
          'secret',
          [],
          [
            group('secret/a', [testCase('secret/a/1', 50)], [], { maxScore: 50 }),
            group('secret/b', [testCase('secret/b/1', 50)], [], { maxScore: 50, requirePass: ['secret/a'] }),
          ],
          { aggregation: 'sum', maxScore: 100, stopOnFirstFailure: false },
        ),
        'scoring',
      );
    const failedA = await judge(build(), { 'secret/a/1': 'WRONG_ANSWER' });
    expect(failedA.ran.map((r) => r.split(':')[1])).toEqual(['secret/a/1']);
    expect(failedA.judgement.groups.find((g) => g.name === 'secret/b')).toMatchObject({ verdict: null, skipped: 1, score: 0 });
    const passedA = await judge(build());
    expect(passedA.judgement).toMatchObject({ verdict: 'ACCEPTED', score: 100 });
  });

  it('orders a group’s cases and subgroups together by name, as the format judges them', async () => {
    const p = problem(
      group('sample', []),
      group('secret', [testCase('secret/a'), testCase('secret/c')], [group('secret/b', [testCase('secret/b/1')])]),
    );
    expect((await judge(p)).ran).toEqual(['0:secret/a', '1:secret/b/1', '2:secret/c']);
  });
});
