import type { Verdict } from './submission';

/** How one test group of a problem went for a submission: the per-group breakdown of its score. */
export interface GroupResult {
  /** The group's path under `data/`, e.g. `sample`, `secret` or `secret/group1`. */
  name: string;
  /** The first verdict other than ACCEPTED among its judged cases in order, ACCEPTED when all passed; null when none was judged. */
  verdict: Verdict | null;
  /** Points scored, in a scoring problem; null in a pass-fail one. */
  score: number | null;
  /** The most points the group can give; null in a pass-fail problem. */
  maxScore: number | null;
  /** Test cases directly in the group (not in its subgroups). */
  cases: number;
  passed: number;
  failed: number;
  /** Not run: judging stopped at an earlier failure, or a group this one requires did not pass. */
  skipped: number;
}
