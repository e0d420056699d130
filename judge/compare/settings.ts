/**
 * How a program's output is compared with the expected answer, as the comparator runs it.
 * API input (settings-schema.ts) and a package's `validator_flags` (validator-flags.ts) both
 * end up here, so the comparator has one shape to trust.
 */
export type ComparisonSettings = ExactComparison | LinesComparison | TokensComparison;

/** Byte for byte: every byte, line ending and trailing newline counts. */
export interface ExactComparison {
  mode: 'exact';
}

/**
 * Line by line, ignoring whitespace at the end of each line and blank lines at the end: the
 * comparison sandflow has always used, so "\r\n" endings and a missing final newline pass.
 */
export interface LinesComparison {
  mode: 'lines';
}

/**
 * Token by token, as the ICPC / Kattis default output validator compares: tokens are separated by
 * runs of ASCII whitespace (space, \t, \n, \v, \f, \r).
 */
export interface TokensComparison {
  mode: 'tokens';
  /** ASCII letters compare equal to their other case (`A`–`Z` ≡ `a`–`z`); other bytes exactly. */
  caseInsensitive: boolean;
  /**
   * Whitespace must be the same bytes as the answer's, leading and trailing included, instead of
   * any run matching any other.
   */
  spaceChangeSensitive: boolean;
  /** When set, answer tokens that are floating-point numbers are compared numerically. */
  float: FloatTolerance | null;
}

/**
 * A number in the output is accepted when within either tolerance of the answer's (at least one
 * is set): |output − answer| ≤ absolute, or |output − answer| ≤ relative × |answer|.
 */
export interface FloatTolerance {
  absolute: number | null;
  relative: number | null;
}
