import type { GroupResult } from '../common/group-result';
import { inPool } from '../common/in-pool';
import type { Verdict } from '../common/submission';
import { planCases, topGroups, type GroupItem, type PlannedCase } from '../problems/judging-plan';
import type { ProblemPackage, TestGroup } from '../problems/problem-model';

/** Options of {@link judgeGroups}. */
export interface JudgeGroupsOptions {
  /** Runs and judges one case (or returns the verdict an earlier attempt stored). */
  judgeCase: (planned: PlannedCase) => Promise<Verdict>;
  /** Cases of one group that run at the same time. */
  parallelRuns: number;
}

/** A problem judged: the overall verdict, the score, and a result per group. */
export interface ProblemJudgement {
  verdict: Verdict;
  score: number | null;
  maxScore: number | null;
  /** Every group in judging order (sample, secret, then secret's subgroups depth first). */
  groups: GroupResult[];
}

interface GroupOutcome {
  /** The first rejected verdict in order; ACCEPTED when every item passed; null when nothing was judged. */
  verdict: Verdict | null;
  /** Whether every case of the group and its subgroups was judged and ACCEPTED. */
  passed: boolean;
  score: number | null;
}

/**
 * Judges a submission against a problem's test groups as the ICPC / Kattis format defines: each
 * group's cases and subgroups in order; a group that stops on its first failure skips what
 * follows a rejected case or subgroup (and, rejected itself, makes a stopping parent stop too); a
 * group whose required groups did not all pass is skipped. Scores come from each group's
 * aggregation: all-or-nothing (IOI subtasks), the sum, or the minimum of its parts. Cases
 * directly in one group run `parallelRuns` at a time, and only cases before a known failure start.
 */
export async function judgeGroups(problem: ProblemPackage, options: JudgeGroupsOptions): Promise<ProblemJudgement> {
  const plan = planCases(problem);
  // Samples are never scored, not even in a scoring problem.
  const scored = (group: TestGroup): boolean =>
    problem.type === 'scoring' && group.name !== 'sample' && !group.name.startsWith('sample/');
  const results = new Map<TestGroup, GroupResult>();
  const passedGroups = new Set<string>();

  const skip = (group: TestGroup): GroupOutcome => {
    const score = scored(group) ? 0 : null;
    record(group, { verdict: null, score }, 0, 0, group.cases.length);
    group.groups.forEach(skip);
    return { verdict: null, passed: false, score };
  };

  function record(
    group: TestGroup,
    outcome: Pick<GroupOutcome, 'verdict' | 'score'>,
    passed: number,
    failed: number,
    skipped: number,
  ) {
    results.set(group, {
      name: group.name,
      verdict: outcome.verdict,
      score: outcome.score,
      maxScore: scored(group) ? group.maxScore : null,
      cases: group.cases.length,
      passed,
      failed,
      skipped,
    });
  }

  async function judgeGroup(group: TestGroup): Promise<GroupOutcome> {
    if (!group.requirePass.every((name) => passedGroups.has(name))) return skip(group);
    const items = plan.get(group) ?? [];
    const outcomes: (GroupOutcome | null)[] = new Array<GroupOutcome | null>(items.length).fill(null);
    let stopped = false;
    let passed = 0;
    let failed = 0;
    for (let at = 0; at < items.length && !stopped;) {
      const item = items[at];
      if (item?.kind === 'group') {
        const outcome = await judgeGroup(item.group);
        outcomes[at] = outcome;
        if (outcome.verdict !== null && outcome.verdict !== 'ACCEPTED' && group.stopOnFirstFailure) stopped = true;
        at += 1;
        continue;
      }
      // A run of consecutive cases, judged in parallel.
      let end = at;
      while (items[end]?.kind === 'case') end += 1;
      const run = items.slice(at, end).flatMap((entry) => (entry.kind === 'case' ? [entry.planned] : []));
      let firstFailure = Infinity;
      const verdicts = await inPool(run.length, options.parallelRuns, async (i) => {
        const planned = run[i];
        if (!planned || (group.stopOnFirstFailure && i > firstFailure)) return null;
        const verdict = await options.judgeCase(planned);
        if (verdict !== 'ACCEPTED') firstFailure = Math.min(firstFailure, i);
        return verdict;
      });
      for (const [i, verdict] of verdicts.entries()) {
        // A case that ran after the first failure in order (it started before that was known) still counts as judged.
        if (verdict === null || (group.stopOnFirstFailure && i > firstFailure)) continue;
        const points = run[i]?.testCase.points ?? null;
        outcomes[at + i] = {
          verdict,
          passed: verdict === 'ACCEPTED',
          score: scored(group) ? (verdict === 'ACCEPTED' ? (points ?? 0) : 0) : null,
        };
        if (verdict === 'ACCEPTED') passed += 1;
        else failed += 1;
      }
      if (group.stopOnFirstFailure && firstFailure !== Infinity) stopped = true;
      at = end;
    }
    // Subgroups never reached were skipped whole.
    items.forEach((item, i) => {
      if (item.kind === 'group' && outcomes[i] === null) skip(item.group);
    });
    const judged = outcomes.filter((outcome): outcome is GroupOutcome => outcome !== null);
    const verdict =
      judged.find((o) => o.verdict !== null && o.verdict !== 'ACCEPTED')?.verdict ??
      (judged.some((o) => o.verdict) ? 'ACCEPTED' : null);
    const all = judged.length === items.length && judged.every((o) => o.passed);
    const score = scored(group) ? aggregate(group, items, outcomes, all) : null;
    const skippedHere = group.cases.length - passed - failed;
    record(group, { verdict, score }, passed, failed, skippedHere);
    if (all) passedGroups.add(group.name);
    return { verdict, passed: all, score };
  }

  const top: GroupOutcome[] = [];
  for (const group of topGroups(problem)) {
    const earlierRejected = top.some((o) => o.verdict !== null && o.verdict !== 'ACCEPTED');
    // A rejected sample stops a problem that stops on failures (ICPC): the secret cases are not run.
    top.push(earlierRejected && group.stopOnFirstFailure ? skip(group) : await judgeGroup(group));
  }
  const verdict = top.find((o) => o.verdict !== null && o.verdict !== 'ACCEPTED')?.verdict ?? 'ACCEPTED';
  const order: GroupResult[] = [];
  const collect = (group: TestGroup): void => {
    const result = results.get(group);
    if (result) order.push(result);
    group.groups.forEach(collect);
  };
  topGroups(problem).forEach(collect);
  return {
    verdict,
    score: scored(problem.secret) ? (results.get(problem.secret)?.score ?? 0) : null,
    maxScore: scored(problem.secret) ? problem.secret.maxScore : null,
    groups: order,
  };
}

/** A group's score from its judged items, by its aggregation, capped at its maximum. */
function aggregate(group: TestGroup, items: GroupItem[], outcomes: (GroupOutcome | null)[], allPassed: boolean): number {
  const scores = items.map((_item, i) => outcomes[i]?.score ?? 0);
  let score: number;
  switch (group.aggregation) {
    case 'all-or-nothing':
      score = allPassed ? (group.maxScore ?? scores.reduce((sum, s) => sum + s, 0)) : 0;
      break;
    case 'sum':
      score = scores.reduce((sum, s) => sum + s, 0);
      break;
    case 'min':
      score = scores.length === 0 ? 0 : Math.min(...scores);
      break;
  }
  return group.maxScore === null ? score : Math.min(score, group.maxScore);
}
