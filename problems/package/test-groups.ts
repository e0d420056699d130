import type { PackageFile, ProblemType, ScoreAggregation, TestCase, TestGroup } from '../problem-model';
import type { CollectedFile } from './collect-entries';
import { PackageError } from './package-error';
import { followsFormatNaming } from './package-path';
import type { ProblemMetadata } from './problem-yaml';
import { words } from './problem-yaml';
import { parseTestdataYaml, type TestdataYaml } from './testdata-yaml';

/** The keys of the legacy grading model; a package uses either them or 2023-07's `scoring`, not both. */
const LEGACY_SCORING_KEYS = ['accept_score', 'reject_score', 'range', 'grader_flags'] as const;

/** The settings of a group after inheritance (legacy keys inherit from ancestors; `scoring` does not). */
interface GroupSettings {
  onReject?: 'break' | 'continue';
  graderFlags: string[];
  acceptScore?: number;
  rejectScore?: number;
  range?: string;
  outputValidatorFlags: string[];
  scoring?: NonNullable<TestdataYaml['scoring']>;
  /** The `testdata.yaml` that configured this group, for errors. */
  file: string;
}

interface GroupNode {
  directory: string;
  settings: GroupSettings;
  cases: Omit<TestCase, 'points'>[];
  children: GroupNode[];
}

export interface TestData {
  sample: TestGroup;
  secret: TestGroup;
  sampleInteractions: PackageFile[];
}

/** Builds the sample and secret group trees from the package's files (paths relative to its root). */
export function buildTestData(files: Map<string, CollectedFile>, metadata: ProblemMetadata): TestData {
  const configs = new Map<string, TestdataYaml>();
  for (const [path, file] of files) {
    const match = /^(data(?:\/.+)?)\/testdata\.yaml$/.exec(path);
    if (match?.[1] && file.text !== undefined) configs.set(match[1], parseTestdataYaml(path, file.text));
  }
  checkScoringKeys(configs, metadata.type);

  const root = inherit(undefined, configs.get('data'), 'data/testdata.yaml', metadata);
  const sampleInteractions: PackageFile[] = [];
  const sample = node('data/sample', root, files, configs, metadata, sampleInteractions);
  const secret = node('data/secret', root, files, configs, metadata, sampleInteractions);
  if (countCases(secret) === 0) throw new PackageError('data/secret', 'holds no test cases (an .in file with its .ans)');

  const usesDraftScoring = [...configs.values()].some((config) => config.scoring !== undefined);
  const scoring = metadata.type === 'scoring';
  const sampleGroup = finish(sample, { scoring: false, draft: false, metadata, maxScore: null });
  const secretGroup = finish(secret, {
    scoring,
    draft: usesDraftScoring || (metadata.formatVersion === '2023-07-draft' && !usesLegacyScoring(configs)),
    metadata,
    maxScore: null,
  });
  checkRequirePass(secretGroup, new Set(['sample', ...groupNames(secretGroup)]));
  return { sample: sampleGroup, secret: secretGroup, sampleInteractions };
}

function usesLegacyScoring(configs: Map<string, TestdataYaml>): boolean {
  return [...configs.values()].some((config) => LEGACY_SCORING_KEYS.some((key) => config[key] !== undefined));
}

function checkScoringKeys(configs: Map<string, TestdataYaml>, type: ProblemType): void {
  for (const [directory, config] of configs) {
    const file = `${directory}/testdata.yaml`;
    const legacy = LEGACY_SCORING_KEYS.filter((key) => config[key] !== undefined && key !== 'grader_flags');
    if (type === 'pass-fail') {
      const scoringOnly = [...legacy, ...(config.scoring !== undefined ? ['scoring'] : [])];
      if (scoringOnly.length > 0)
        throw new PackageError(file, `'${scoringOnly[0]}' is only allowed in scoring problems; problem.yaml says pass-fail`);
    }
    if (config.grading === 'custom') throw new PackageError(file, "'grading': custom graders are not supported by sandflow");
    if (config.scoring !== undefined && usesLegacyScoring(new Map([[directory, config]]))) {
      throw new PackageError(
        file,
        "'scoring' cannot be combined with the legacy accept_score, reject_score, range or grader_flags",
      );
    }
  }
}

function inherit(
  parent: GroupSettings | undefined,
  config: TestdataYaml | undefined,
  file: string,
  metadata: ProblemMetadata,
): GroupSettings {
  const legacy = metadata.legacyGrading;
  const outputArgs = config?.output_validator_args ?? config?.output_validator_flags;
  const settings: GroupSettings = {
    graderFlags: config?.grader_flags !== undefined ? words(config.grader_flags) : (parent?.graderFlags ?? []),
    outputValidatorFlags:
      outputArgs === undefined
        ? (parent?.outputValidatorFlags ?? [])
        : typeof outputArgs === 'string'
          ? words(outputArgs)
          : outputArgs,
    file: config ? file : (parent?.file ?? file),
  };
  const onReject = legacy.onReject ?? config?.on_reject ?? parent?.onReject;
  if (onReject) settings.onReject = onReject;
  const acceptScore = legacy.acceptScore ?? config?.accept_score ?? parent?.acceptScore;
  if (acceptScore !== undefined) settings.acceptScore = acceptScore;
  const rejectScore = legacy.rejectScore ?? config?.reject_score ?? parent?.rejectScore;
  if (rejectScore !== undefined) settings.rejectScore = rejectScore;
  const range = legacy.range ?? config?.range ?? parent?.range;
  if (range !== undefined) settings.range = range;
  if (config?.scoring) settings.scoring = config.scoring;
  return settings;
}

function node(
  directory: string,
  parent: GroupSettings,
  files: Map<string, CollectedFile>,
  configs: Map<string, TestdataYaml>,
  metadata: ProblemMetadata,
  sampleInteractions: PackageFile[],
): GroupNode {
  const settings = inherit(parent, configs.get(directory), `${directory}/testdata.yaml`, metadata);
  const prefix = `${directory}/`;
  const byBase = new Map<string, Partial<Record<'in' | 'ans' | 'interaction', PackageFile>>>();
  const subdirectories = new Set<string>();
  for (const [path, file] of files) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash >= 0) {
      if (followsFormatNaming(rest.slice(0, slash))) subdirectories.add(rest.slice(0, slash));
      continue;
    }
    const match = /^(.+)\.(in|ans|interaction)$/.exec(rest);
    const extension = match?.[2];
    if (!match?.[1] || !file.blob || !followsFormatNaming(rest)) continue;
    if (extension !== 'in' && extension !== 'ans' && extension !== 'interaction') continue;
    const parts = byBase.get(match[1]) ?? {};
    parts[extension] = { path, ...file.blob };
    byBase.set(match[1], parts);
  }
  const cases: Omit<TestCase, 'points'>[] = [];
  for (const base of [...byBase.keys()].sort()) {
    const parts = byBase.get(base) ?? {};
    const name = `${directory.slice('data/'.length)}/${base}`;
    if (parts.in && !parts.ans) throw new PackageError(parts.in.path, `has no answer file ${prefix}${base}.ans`);
    if (parts.ans && !parts.in) throw new PackageError(parts.ans.path, `has no input file ${prefix}${base}.in`);
    if (parts.in && parts.ans)
      cases.push({ name, input: parts.in, answer: parts.ans, ...(parts.interaction ? { interaction: parts.interaction } : {}) });
    else if (parts.interaction && directory.startsWith('data/sample')) sampleInteractions.push(parts.interaction);
  }
  const children = [...subdirectories]
    .sort()
    .map((name) => node(`${prefix}${name}`, settings, files, configs, metadata, sampleInteractions))
    .filter((child) => countCases(child) > 0);
  return { directory, settings, cases, children };
}

function countCases(group: GroupNode): number {
  return group.cases.length + group.children.reduce((sum, child) => sum + countCases(child), 0);
}

interface FinishContext {
  scoring: boolean;
  /** Score with 2023-07's `scoring` maps rather than the legacy grader flags. */
  draft: boolean;
  metadata: ProblemMetadata;
  /** The group's maximum score as its parent allotted it (draft scoring), null when unbounded or not scoring. */
  maxScore: number | null;
}

/** Turns a node into the model's group: aggregation, stopping and points, by the format's rules. */
function finish(group: GroupNode, context: FinishContext): TestGroup {
  const name = group.directory.slice('data/'.length);
  const base = { name, requirePass: [] as string[], outputValidatorFlags: group.settings.outputValidatorFlags };
  if (!context.scoring) {
    const groups = group.children.map((child) => finish(child, context));
    const cases = group.cases.map((testCase) => ({ ...testCase, points: null }));
    return {
      ...base,
      cases,
      groups,
      stopOnFirstFailure: group.settings.onReject !== 'continue',
      aggregation: 'all-or-nothing',
      maxScore: null,
    };
  }
  return context.draft ? finishDraft(group, context, base) : finishLegacy(group, context, base);
}

type GroupBase = Pick<TestGroup, 'name' | 'requirePass' | 'outputValidatorFlags'>;

function finishLegacy(group: GroupNode, context: FinishContext, base: GroupBase): TestGroup {
  const { settings } = group;
  if ((settings.rejectScore ?? 0) !== 0)
    throw new PackageError(settings.file, "'reject_score' other than 0 is not supported by sandflow");
  const modes = settings.graderFlags.filter((flag) => ['sum', 'avg', 'min', 'max'].includes(flag));
  const mode = modes.at(-1) ?? 'sum';
  if (mode === 'avg' || mode === 'max')
    throw new PackageError(settings.file, `'grader_flags': ${mode} is not supported by sandflow (sum and min are)`);
  const points = settings.acceptScore ?? 1;
  const cases = group.cases.map((testCase) => ({ ...testCase, points }));
  const groups = group.children.map((child) => finish(child, context));
  const childMaxima = [...cases.map(() => points), ...groups.map((child) => child.maxScore ?? 0)];
  let maxScore =
    mode === 'min' ? (childMaxima.length ? Math.min(...childMaxima) : 0) : childMaxima.reduce((sum, value) => sum + value, 0);
  const rangeMax =
    settings.range === undefined
      ? Infinity
      : Number(
          settings.range
            .trim()
            .split(/\s+/)[1]
            ?.replace(/^\+?inf$/, 'Infinity'),
        );
  if (Number.isFinite(rangeMax) && rangeMax < maxScore) maxScore = rangeMax;
  const aggregation: ScoreAggregation = mode === 'min' ? 'min' : 'sum';
  return { ...base, cases, groups, stopOnFirstFailure: settings.onReject !== 'continue', aggregation, maxScore };
}

function finishDraft(group: GroupNode, context: FinishContext, base: GroupBase): TestGroup {
  const { settings } = group;
  const isSecret = group.directory === 'data/secret';
  const scoring = settings.scoring ?? {};
  const declared = scoring.score;
  const maxScore = declared === 'unbounded' ? null : (declared ?? (isSecret ? 100 : context.maxScore));
  const kind = scoring.aggregation ?? (isSecret ? 'sum' : 'pass-fail');
  const aggregation: ScoreAggregation = kind === 'pass-fail' ? 'all-or-nothing' : kind;
  const explicit = group.children
    .map((child) => child.settings.scoring?.score)
    .filter((score): score is number => typeof score === 'number');
  const implicitCount = group.children.length - explicit.length + group.cases.length;
  let share: number | null = null;
  if (maxScore !== null) {
    const allotted = explicit.reduce((sum, score) => sum + score, 0);
    if (allotted > maxScore)
      throw new PackageError(settings.file, `subgroup scores add up to ${allotted}, more than the group's score ${maxScore}`);
    share = kind === 'min' ? maxScore - allotted : implicitCount > 0 ? (maxScore - allotted) / implicitCount : 0;
  }
  const cases = group.cases.map((testCase) => ({ ...testCase, points: share }));
  const groups = group.children.map((child) => finish(child, { ...context, maxScore: share }));
  const requirePass = scoring.require_pass ?? scoring['require-pass'] ?? [];
  const stopOnFirstFailure = settings.onReject ? settings.onReject === 'break' : aggregation !== 'sum';
  return {
    ...base,
    requirePass: typeof requirePass === 'string' ? [requirePass] : requirePass,
    cases,
    groups,
    stopOnFirstFailure,
    aggregation,
    maxScore,
  };
}

function groupNames(group: TestGroup): string[] {
  return [group.name, ...group.groups.flatMap(groupNames)];
}

function checkRequirePass(group: TestGroup, known: Set<string>): void {
  for (const required of group.requirePass) {
    if (!known.has(required))
      throw new PackageError(
        `data/${group.name}/testdata.yaml`,
        `'scoring.require_pass' names ${required}, which is not a test data group`,
      );
  }
  for (const child of group.groups) checkRequirePass(child, known);
}
