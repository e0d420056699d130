import type { ProblemPackage, TestCase, TestGroup } from './problem-model';

/** A test case in judging order: its number in the submission's results and the group it is directly in. */
export interface PlannedCase {
  /** 0-based, over the sample cases first, then the secret group tree in order. */
  index: number;
  group: TestGroup;
  testCase: TestCase;
  /** Sample cases are shown to contestants; every other case is secret. */
  sample: boolean;
}

/** One step of judging a group: a case directly in it, or one of its subgroups. */
export type GroupItem = { kind: 'case'; planned: PlannedCase } | { kind: 'group'; group: TestGroup };

/** The groups judged, in order: the sample group, then the secret one (its subgroups inside it). */
export function topGroups(problem: ProblemPackage): TestGroup[] {
  return [problem.sample, problem.secret];
}

/**
 * Numbers every case in judging order: the format judges a group's cases and subgroups in
 * lexicographic order of name, across both. The same problem always gives the same numbers, so
 * a retried judging attempt finds its earlier results under them.
 */
export function planCases(problem: ProblemPackage): Map<TestGroup, GroupItem[]> {
  const items = new Map<TestGroup, GroupItem[]>();
  let next = 0;
  const walk = (group: TestGroup, sample: boolean): void => {
    const entries: { name: string; item: () => GroupItem }[] = [
      ...group.cases.map((testCase) => ({
        name: testCase.name,
        item: (): GroupItem => ({ kind: 'case', planned: { index: next++, group, testCase, sample } }),
      })),
      ...group.groups.map((sub) => ({
        name: sub.name,
        item: (): GroupItem => {
          walk(sub, sample);
          return { kind: 'group', group: sub };
        },
      })),
    ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const list: GroupItem[] = [];
    items.set(group, list);
    for (const entry of entries) list.push(entry.item());
  };
  for (const group of topGroups(problem)) walk(group, group === problem.sample);
  return items;
}

/** The cases of a group and all its subgroups. */
export function casesIn(group: TestGroup): number {
  return group.cases.length + group.groups.reduce((sum, sub) => sum + casesIn(sub), 0);
}

/** Test cases of the problem, sample and secret. */
export function countCases(problem: ProblemPackage): number {
  return topGroups(problem).reduce((sum, group) => sum + casesIn(group), 0);
}
