import { z } from 'zod';
import type { PackageFormatVersion, ProblemType } from '../problem-model';
import { PackageError } from './package-error';
import { parseYamlFile } from './yaml-file';

/** What sandflow takes from `problem.yaml`, the same for both format versions. */
export interface ProblemMetadata {
  formatVersion: PackageFormatVersion;
  name: Record<string, string>;
  uuid: string | null;
  type: ProblemType;
  interactive: boolean;
  /** Legacy `validation`; null in 2023-07, where a custom validator is one that is present. */
  validation: 'default' | 'custom' | null;
  validatorFlags: string[];
  timeLimitS: number | null;
  timeMultipliers: { acToTimeLimit: number; timeLimitToTle: number };
  memoryMb?: number;
  outputMb?: number;
  validationTimeS?: number;
  validationMemoryMb?: number;
  /** Legacy `grading` keys that predate `testdata.yaml` and still apply to every group. */
  legacyGrading: { onReject?: 'break' | 'continue'; acceptScore?: number; rejectScore?: number; range?: string };
}

const positive = z.number().positive();
const positiveInt = z.number().int().positive();
/** Keys whose values sandflow does not use: any YAML value is accepted, but the key is known. */
const unused = z.unknown().optional();

/** The limits both versions share, each optional. */
const commonLimits = {
  memory: positiveInt.optional(),
  output: positiveInt.optional(),
  code: positiveInt.optional(),
  compilation_time: positive.optional(),
  compilation_memory: positiveInt.optional(),
  validation_time: positive.optional(),
  validation_memory: positiveInt.optional(),
  validation_output: positiveInt.optional(),
};

const legacySchema = z.strictObject({
  problem_format_version: z.enum(['legacy', 'legacy-icpc']).optional(),
  type: z.enum(['pass-fail', 'scoring']).optional(),
  name: z.string().optional(),
  uuid: z.string().optional(),
  author: unused,
  source: unused,
  source_url: unused,
  license: unused,
  rights_owner: unused,
  keywords: unused,
  limits: z
    .strictObject({ time_multiplier: positive.optional(), time_safety_margin: positive.optional(), ...commonLimits })
    .optional(),
  validation: z
    .string()
    .regex(
      /^(default|custom( (score|interactive))*)$/,
      "must be 'default' or 'custom' optionally followed by 'score' and/or 'interactive'",
    )
    .optional(),
  validator_flags: z.string().optional(),
  grading: z
    .strictObject({
      objective: z.enum(['min', 'max']).optional(),
      show_test_data_groups: z.boolean().optional(),
      on_reject: z.enum(['first_error', 'worst_error', 'grade']).optional(),
      accept_score: z.number().optional(),
      reject_score: z.number().optional(),
      range: z.string().optional(),
    })
    .optional(),
});

const problemTypeValue = z.enum(['pass-fail', 'scoring', 'multi-pass', 'interactive', 'submit-answer']);

const draftSchema = z.strictObject({
  problem_format_version: z.enum(['2023-07-draft', '2023-07']),
  type: z.union([problemTypeValue, z.array(problemTypeValue).nonempty()]).optional(),
  name: z.union([z.string(), z.record(z.string(), z.string())]),
  uuid: z.string().optional(),
  version: unused,
  credits: unused,
  source: unused,
  license: unused,
  rights_owner: unused,
  embargo_until: unused,
  keywords: unused,
  languages: unused,
  allow_file_writing: unused,
  constants: unused,
  limits: z
    .strictObject({
      time_multipliers: z
        .strictObject({ ac_to_time_limit: z.number().min(1).optional(), time_limit_to_tle: z.number().min(1).optional() })
        .optional(),
      time_limit: positive.optional(),
      time_resolution: positive.optional(),
      validation_passes: z.number().int().min(2).optional(),
      ...commonLimits,
    })
    .optional(),
});

const versionOnly = z.object({ problem_format_version: z.unknown().optional() });

/** Reads `problem.yaml` of either version into the fields sandflow uses. */
export function parseProblemYaml(text: string): ProblemMetadata {
  const file = 'problem.yaml';
  const { problem_format_version: version } = parseYamlFile(file, text, versionOnly.loose());
  if (version === undefined || version === 'legacy' || version === 'legacy-icpc')
    return fromLegacy(parseYamlFile(file, text, legacySchema));
  if (version === '2023-07-draft' || version === '2023-07') return fromDraft(parseYamlFile(file, text, draftSchema));
  throw new PackageError(
    file,
    `problem_format_version ${JSON.stringify(version)} is not supported (supported: legacy, legacy-icpc, 2023-07-draft)`,
  );
}

function fromLegacy(yaml: z.infer<typeof legacySchema>): ProblemMetadata {
  const validation = (yaml.validation ?? 'default').split(' ');
  const grading = yaml.grading ?? {};
  const limits = yaml.limits ?? {};
  return {
    formatVersion: 'legacy',
    name: yaml.name === undefined ? {} : { en: yaml.name },
    uuid: yaml.uuid ?? null,
    type: yaml.type ?? 'pass-fail',
    interactive: validation.includes('interactive'),
    validation: validation[0] === 'custom' ? 'custom' : 'default',
    validatorFlags: words(yaml.validator_flags),
    timeLimitS: null,
    timeMultipliers: { acToTimeLimit: limits.time_multiplier ?? 5, timeLimitToTle: limits.time_safety_margin ?? 2 },
    ...commonLimitsOf(limits),
    legacyGrading: {
      ...(grading.on_reject ? { onReject: grading.on_reject === 'grade' ? 'continue' : 'break' } : {}),
      ...(grading.accept_score !== undefined ? { acceptScore: grading.accept_score } : {}),
      ...(grading.reject_score !== undefined ? { rejectScore: grading.reject_score } : {}),
      ...(grading.range !== undefined ? { range: grading.range } : {}),
    },
  };
}

function fromDraft(yaml: z.infer<typeof draftSchema>): ProblemMetadata {
  const types = yaml.type === undefined ? ['pass-fail'] : typeof yaml.type === 'string' ? [yaml.type] : yaml.type;
  for (const unsupported of ['multi-pass', 'submit-answer'] as const) {
    if (types.includes(unsupported))
      throw new PackageError('problem.yaml', `'type': ${unsupported} problems are not supported by sandflow`);
  }
  if (types.includes('pass-fail') && types.includes('scoring')) {
    throw new PackageError('problem.yaml', "'type': pass-fail and scoring exclude each other");
  }
  const limits = yaml.limits ?? {};
  return {
    formatVersion: '2023-07-draft',
    name: typeof yaml.name === 'string' ? { en: yaml.name } : yaml.name,
    uuid: yaml.uuid ?? null,
    type: types.includes('scoring') ? 'scoring' : 'pass-fail',
    interactive: types.includes('interactive'),
    validation: null,
    validatorFlags: [],
    timeLimitS: limits.time_limit ?? null,
    timeMultipliers: {
      acToTimeLimit: limits.time_multipliers?.ac_to_time_limit ?? 2,
      timeLimitToTle: limits.time_multipliers?.time_limit_to_tle ?? 1.5,
    },
    ...commonLimitsOf(limits),
    legacyGrading: {},
  };
}

function commonLimitsOf(limits: {
  memory?: number;
  output?: number;
  validation_time?: number;
  validation_memory?: number;
}): Pick<ProblemMetadata, 'memoryMb' | 'outputMb' | 'validationTimeS' | 'validationMemoryMb'> {
  return {
    ...(limits.memory !== undefined ? { memoryMb: limits.memory } : {}),
    ...(limits.output !== undefined ? { outputMb: limits.output } : {}),
    ...(limits.validation_time !== undefined ? { validationTimeS: limits.validation_time } : {}),
    ...(limits.validation_memory !== undefined ? { validationMemoryMb: limits.validation_memory } : {}),
  };
}

/** A space-separated argument string as the format writes them. */
export function words(text: string | undefined): string[] {
  return (text ?? '').split(/\s+/).filter((word) => word.length > 0);
}
