import type { GraphQLError } from 'graphql';
import type { Config } from '../../common/config';
import { LIMIT_FIELDS, type Limits } from '../../common/limits';
import type { SubmissionRequest } from '../../common/submission';
import { describeAllowlist, refusedCompilerOption } from '../../runtimes/compiler-options';
import type { LanguageDefinition } from '../../runtimes/language';
import { apiError } from '../execution/error-codes';
import type { SubmitInput } from '../generated/resolvers-types';
import { acceptedIds, servedLanguage } from '../../runtimes/served-languages';
import { pathCollision } from './path-collision';

/** Smallest value of each limit: below these no program can even start. */
export const MIN_LIMITS: Limits = { cpuTimeMs: 50, wallTimeMs: 100, memoryMb: 16, processes: 1, outputKb: 1 };

const FILE_PATH = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

/** A rejected input: BAD_USER_INPUT naming the field and what it allows. */
export function badInput(field: string, message: string): GraphQLError {
  return apiError('BAD_USER_INPUT', `${field}: ${message}`, { field });
}

const kib = (text: string) => Buffer.byteLength(text, 'utf8') / 1024;

/** The limit and the input's exact size, so a client just over it sees by how much. */
function atMostKib(max: number, text: string): string {
  return `must be at most ${max} KiB (${max * 1024} bytes); got ${Buffer.byteLength(text, 'utf8')} bytes`;
}

/** The problem version a submission names, found (and its tenancy checked) by the caller. */
export interface SubmitProblem {
  id: string;
  version: number;
  caseCount: number;
  /** The problem's limits; the language's defaults fill in the rest. */
  limits: Partial<Limits>;
}

/**
 * Checks a submit input against the deployment's maxima and the language, and returns the
 * request to store, with the language's default limits filled in (under the problem's, when it
 * names one). Throws on the first problem.
 */
export function validateSubmitInput(
  input: SubmitInput,
  config: Pick<Config, 'maxLimits' | 'maxInput' | 'maxSubmissionWallMs'>,
  served: readonly LanguageDefinition[],
  problem: SubmitProblem | null = null,
): SubmissionRequest {
  const max = config.maxInput;
  // A family's plain id becomes its default version here, so what is stored says what runs.
  const language = servedLanguage(served, input.language);
  if (!language) {
    throw badInput('language', `"${input.language}" is not available; allowed: ${acceptedIds(served).join(', ')}`);
  }
  if (input.source.length === 0) throw badInput('source', `must not be empty; allowed is 1 byte to ${max.sourceKb} KiB`);
  if (kib(input.source) > max.sourceKb) throw badInput('source', atMostKib(max.sourceKb, input.source));
  if (input.stdin != null && kib(input.stdin) > max.stdinKb) throw badInput('stdin', atMostKib(max.stdinKb, input.stdin));

  const files = input.files ?? [];
  if (files.length > max.files) throw badInput('files', `at most ${max.files} files are allowed (got ${files.length})`);
  const seen = new Set<string>([language.sourceFile]);
  for (const [i, file] of files.entries()) {
    const field = `files[${i}].path`;
    if (file.path.length > 255 || !FILE_PATH.test(file.path)) {
      throw badInput(
        field,
        'must be a relative path of letters, digits, ".", "_" and "-" segments separated by "/", at most 255 characters, without "." or ".." segments',
      );
    }
    if (seen.has(file.path))
      throw badInput(field, `"${file.path}" is already used by the source or another file; each path must be unique`);
    const collision = pathCollision(file.path, seen);
    if (collision) throw badInput(field, collision);
    seen.add(file.path);
    if (kib(file.content) > max.fileKb) throw badInput(`files[${i}].content`, atMostKib(max.fileKb, file.content));
  }

  const testCases = input.testCases ?? [];
  if (testCases.length > max.testCases)
    throw badInput('testCases', `at most ${max.testCases} test cases are allowed (got ${testCases.length})`);
  for (const [i, testCase] of testCases.entries()) {
    if (testCase.stdin != null && kib(testCase.stdin) > max.stdinKb)
      throw badInput(`testCases[${i}].stdin`, atMostKib(max.stdinKb, testCase.stdin));
    if (testCase.expectedOutput != null && kib(testCase.expectedOutput) > config.maxLimits.outputKb) {
      throw badInput(`testCases[${i}].expectedOutput`, atMostKib(config.maxLimits.outputKb, testCase.expectedOutput));
    }
  }

  if (problem) {
    // The problem's owner set what judges it: a submitter cannot bring cases or loosen limits.
    if (testCases.length > 0)
      throw badInput('testCases', 'must be left out when problemId is given: the problem holds the test cases');
    if (input.stdin != null) throw badInput('stdin', 'must be left out when problemId is given: the problem holds the inputs');
    if (input.limits != null) throw badInput('limits', "must be left out when problemId is given: the problem's limits apply");
  }
  const limits: Limits = { ...language.defaultLimits, ...problem?.limits };
  for (const field of LIMIT_FIELDS) {
    const value = input.limits?.[field];
    if (value == null) continue;
    const low = MIN_LIMITS[field];
    const high = config.maxLimits[field];
    if (value < low || value > high) throw badInput(`limits.${field}`, `must be between ${low} and ${high} (got ${value})`);
    limits[field] = value;
  }
  // Every run may use its whole wall limit, so their sum is what one submission can cost.
  const runs = Math.max(1, testCases.length);
  const wall = runs * limits.wallTimeMs;
  // A problem's cases were accepted with its upload: its owner decided what a submission may cost.
  if (!problem && wall > config.maxSubmissionWallMs) {
    throw badInput(
      testCases.length > 1 ? 'testCases' : 'limits.wallTimeMs',
      `at most ${config.maxSubmissionWallMs} ms of wall time are allowed per submission (runs × limits.wallTimeMs); got ${runs} × ${limits.wallTimeMs} ms = ${wall} ms; send fewer test cases or a smaller limits.wallTimeMs`,
    );
  }

  const compilerOptions = input.compilerOptions ?? [];
  if (compilerOptions.length > 0 && !language.compile)
    throw badInput('compilerOptions', `${language.id} is not compiled; leave compilerOptions out`);
  if (compilerOptions.length > 32)
    throw badInput('compilerOptions', `at most 32 options are allowed (got ${compilerOptions.length})`);
  for (const [i, option] of compilerOptions.entries()) {
    if (option.length > 128) throw badInput(`compilerOptions[${i}]`, `must be at most 128 characters (got ${option.length})`);
  }
  const allowlist = language.compilerOptions ?? [];
  const refused = refusedCompilerOption(allowlist, compilerOptions);
  if (refused) {
    const option = compilerOptions[refused.index] ?? '';
    const shows = refused.rule?.shows ?? '';
    const problem = {
      option: `"${option}" is not allowed for ${language.id}`,
      'missing-value': `"${option}" needs a value as the next option (${shows})`,
      value: `"${option}" is not an allowed value of "${compilerOptions[refused.index - 1] ?? ''}" (${shows})`,
    }[refused.problem];
    throw badInput(
      `compilerOptions[${refused.index}]`,
      `${problem}; allowed for ${language.id}: ${describeAllowlist(allowlist)}`,
    );
  }

  const args = input.args ?? [];
  if (args.length > 64) throw badInput('args', `at most 64 arguments are allowed (got ${args.length})`);
  for (const [i, arg] of args.entries()) {
    if (arg.length > 1024 || arg.includes('\0')) throw badInput(`args[${i}]`, 'must be at most 1024 characters without NUL');
  }

  const key = input.idempotencyKey ?? null;
  if (key !== null && (key.length === 0 || key.length > 128))
    throw badInput('idempotencyKey', `must be 1 to 128 characters (got ${key.length})`);

  return {
    language: language.id,
    source: input.source,
    stdin: input.stdin ?? null,
    files: files.map((f) => ({ path: f.path, content: f.content })),
    testCases: testCases.map((t) => ({ stdin: t.stdin ?? null, expectedOutput: t.expectedOutput ?? null })),
    limits,
    compilerOptions,
    args,
    idempotencyKey: key,
    problemId: problem?.id ?? null,
    problemVersion: problem?.version ?? null,
    problemCases: problem?.caseCount ?? null,
  };
}
