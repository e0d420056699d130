import type { GraphQLResolveInfo } from 'graphql';
import type { SubmissionColumn } from '../db/submission-store';
import type { Submission } from './generated/resolvers-types';
import { selectedFieldNames } from './selected-fields';

/**
 * The stored columns each Submission field is read from. Typed over every field of the
 * schema's Submission, so a new field cannot be added without saying what it needs.
 */
const COLUMNS: Record<Exclude<keyof Submission, '__typename'>, readonly SubmissionColumn[]> = {
  id: ['id'],
  language: ['language'],
  status: ['status'],
  verdict: ['verdict'],
  limits: ['limits'],
  compile: ['compile'],
  run: ['run'],
  // A query of its own, by the submission id.
  testResults: ['id', 'problemId'],
  error: ['error'],
  queuedAt: ['queuedAt'],
  startedAt: ['startedAt'],
  completedAt: ['completedAt'],
  executionTimeMs: ['executionTimeMs'],
  totalTimeMs: ['queuedAt', 'completedAt'],
  languageVersion: ['languageVersion'],
  attempt: ['attempt'],
  problemId: ['problemId'],
  problemVersion: ['problemVersion'],
  score: ['score'],
  maxScore: ['maxScore'],
  groups: ['groups'],
};

function isSubmissionField(name: string): name is keyof typeof COLUMNS {
  return Object.hasOwn(COLUMNS, name);
}

/**
 * The columns a resolver returning Submission(s) must load for what the operation selects
 * (below `path`, e.g. `['edges', 'node']`): a status poll then never reads the source, stdin
 * or megabytes of output. The id always comes along; it names the submission in errors.
 */
export function submissionColumns(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>,
  path: readonly string[] = [],
): SubmissionColumn[] {
  const columns = new Set<SubmissionColumn>(['id']);
  for (const name of selectedFieldNames(info, path)) {
    if (isSubmissionField(name)) for (const column of COLUMNS[name]) columns.add(column);
  }
  return [...columns];
}
