/**
 * The normalised model of one problem version, as read from a problem package (the ICPC / Kattis
 * Problem Package Format, legacy or 2023-07-draft). Test data is referenced by content address only:
 * the bytes live in a `BlobStore`, so a row holding this model never grows with the test data.
 */
import type { BlobRef } from '../storage/blob-store';

/** The format version a package declared (`legacy-icpc` reads as `legacy`, `2023-07` as `2023-07-draft`). */
export type PackageFormatVersion = 'legacy' | '2023-07-draft';

/** Pass-fail: one verdict. Scoring: an accepted submission also gets a score from the group tree. */
export type ProblemType = 'pass-fail' | 'scoring';

/** A file of the package stored as a blob, by its path relative to the package (or program) root. */
export interface PackageFile extends BlobRef {
  path: string;
}

/** The limits a package states; absent fields mean "the system default" per the format. */
export interface PackageLimits {
  /** CPU time limit per test case, in milliseconds (always set: from the package or the reader's option). */
  timeLimitMs: number;
  /** Where {@link timeLimitMs} came from: `problem.yaml` `limits.time_limit`, a `.timelimit` file, or the option. */
  timeLimitSource: 'problem.yaml' | '.timelimit' | 'option';
  /** Safety margins relative to the judge solutions (legacy `time_multiplier` / `time_safety_margin`). */
  timeMultipliers: { acToTimeLimit: number; timeLimitToTle: number };
  memoryMb?: number;
  outputMb?: number;
  /** The output validator's own limits. */
  validationTimeS?: number;
  validationMemoryMb?: number;
}

/** One program (a custom output validator or an example submission): a file, or a directory of files. */
export interface PackageProgram {
  /** The file's base name or the directory's name. */
  name: string;
  /** Its files, paths relative to the program (a one-file program holds that file under its own name). */
  files: PackageFile[];
}

/** How the output of a submission is judged. */
export interface OutputValidation {
  /** `default`: the token-wise diff; `custom`: {@link programs} decide. */
  kind: 'default' | 'custom';
  /** Arguments for the validator given for the whole problem (legacy `validator_flags`). */
  flags: string[];
  /** Custom validator programs (legacy `output_validators/*`, 2023-07 `output_validator/`). */
  programs: PackageProgram[];
}

/** How a group's score comes from its cases and subgroups. */
export type ScoreAggregation =
  /** The group's points only when every case in it (and its subgroups) passes; else 0 (IOI subtasks). */
  | 'all-or-nothing'
  /** The sum of the scores of its cases and subgroups. */
  | 'sum'
  /** The minimum of those scores (equal to all-or-nothing when every case scores its full points or 0). */
  | 'min';

/** One test case: an input and the expected answer, both stored blobs. */
export interface TestCase {
  /** The path under `data/` without extension, e.g. `secret/group1/01`; unique in the problem. */
  name: string;
  input: PackageFile;
  answer: PackageFile;
  /** A sample's interaction protocol (interactive problems show it instead of the input). */
  interaction?: PackageFile;
  /** The points for passing this case in a scoring problem; null in pass-fail problems. */
  points: number | null;
}

/** A test data group: a directory under `data/` (`sample`, `secret`, or a group below `secret`). */
export interface TestGroup {
  /** The path under `data/`, e.g. `secret/group1`. */
  name: string;
  /** Cases and subgroups, each in lexicographic order of name (judging follows that order across both). */
  cases: TestCase[];
  groups: TestGroup[];
  /** Whether judging stops at the first rejected case in this group (legacy `on_reject: break`). */
  stopOnFirstFailure: boolean;
  aggregation: ScoreAggregation;
  /** The most points the group can score; null in pass-fail problems or an unbounded group. */
  maxScore: number | null;
  /** Groups (names under `data/`) a submission must pass entirely before this one is judged. */
  requirePass: string[];
  /** Extra output validator arguments for this group's cases (inherited from ancestors). */
  outputValidatorFlags: string[];
}

/** A judge solution from `submissions/` (never used for judging; tests judge them against the problem). */
export interface PackageSubmission extends PackageProgram {
  /** The directory it sits in: `accepted`, `wrong_answer`, `time_limit_exceeded`, ... */
  category: string;
}

/** One problem version read from a package. */
export interface ProblemPackage {
  formatVersion: PackageFormatVersion;
  /** The problem's name by language code (legacy's single name is `en`). */
  name: Record<string, string>;
  /** The package's `uuid`, when it gives one. */
  uuid: string | null;
  type: ProblemType;
  /** The output validator talks to the submission while it runs. */
  interactive: boolean;
  limits: PackageLimits;
  outputValidation: OutputValidation;
  /** Sample cases (`data/sample`), shown to contestants; never scored. */
  sample: TestGroup;
  /** Secret cases (`data/secret`) and their group tree. */
  secret: TestGroup;
  /** `.interaction` files in `data/sample` without a case: shown in the statement only. */
  sampleInteractions: PackageFile[];
  submissions: PackageSubmission[];
}
