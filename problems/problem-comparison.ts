import { parseValidatorFlags, ValidatorFlagsError } from '../judge/compare/validator-flags';
import type { TokensComparison } from '../judge/compare/settings';
import { PackageError } from './package/package-error';
import type { ProblemPackage, TestGroup } from './problem-model';

/**
 * How the default output validator compares a case's output in `group`: the problem's
 * `validator_flags`, then the group's own output validator arguments.
 */
export function comparisonFor(problem: ProblemPackage, group: TestGroup): TokensComparison {
  return parseValidatorFlags([...problem.outputValidation.flags, ...group.outputValidatorFlags]);
}

/** Refuses, at upload, flags the default output validator does not take, naming the group's file. */
export function checkComparison(problem: ProblemPackage): void {
  const walk = (group: TestGroup): void => {
    try {
      comparisonFor(problem, group);
    } catch (error) {
      if (!(error instanceof ValidatorFlagsError)) throw error;
      const file = group.outputValidatorFlags.length > 0 ? `data/${group.name}/testdata.yaml` : 'problem.yaml';
      throw new PackageError(file, error.message);
    }
    group.groups.forEach(walk);
  };
  walk(problem.sample);
  walk(problem.secret);
}
