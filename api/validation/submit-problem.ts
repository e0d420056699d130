import type { Config } from '../../common/config';
import type { ProblemStore } from '../../db/problem-store';
import { problemLimits } from '../../problems/problem-limits';
import { countCases } from '../../problems/judging-plan';
import type { CallingClient } from '../auth';
import type { SubmitInput } from '../generated/resolvers-types';
import { readerOf } from '../problem-reader';
import { badInput, type SubmitProblem } from './submit-input';

/**
 * The problem version a submit input names, if it names one: the client's own problem or a public
 * one (another client's private problem is refused exactly like one that does not exist), at the
 * version asked for or the newest.
 */
export async function submitProblem(
  input: Pick<SubmitInput, 'problemId' | 'problemVersion'>,
  problems: Pick<ProblemStore, 'visible' | 'getVersion'>,
  client: CallingClient,
  config: Pick<Config, 'maxLimits'>,
): Promise<SubmitProblem | null> {
  if (input.problemId == null) {
    if (input.problemVersion != null) throw badInput('problemVersion', 'needs problemId');
    return null;
  }
  const problem = await problems.visible(input.problemId, readerOf(client));
  if (!problem) throw badInput('problemId', `problem ${input.problemId} does not exist`);
  if (problem.latestVersion === 0)
    throw badInput(
      'problemId',
      `problem ${input.problemId} has no version yet; upload a package to POST /problems/${input.problemId}/versions`,
    );
  const wanted = input.problemVersion ?? problem.latestVersion;
  const version = wanted >= 1 && wanted <= problem.latestVersion ? await problems.getVersion(problem.id, wanted) : null;
  if (!version)
    throw badInput(
      'problemVersion',
      `problem ${problem.id} has versions 1 to ${problem.latestVersion}${wanted >= 1 && wanted <= problem.latestVersion ? ` (version ${wanted} was deleted)` : ''}; got ${wanted}`,
    );
  return {
    id: problem.id,
    version: version.version,
    caseCount: countCases(version.definition),
    limits: problemLimits(version.definition, config.maxLimits),
  };
}
