/** What a comparison found: accepted, or where and how the output first differs. */
export type ComparisonResult = { accepted: true } | { accepted: false; difference: Difference };

/** The first place where the output differs from the answer. */
export interface Difference {
  kind: DifferenceKind;
  /** One line for people, e.g. "line 7: expected `3`, got `4`". */
  message: string;
  /** 1-based line of the program's output where the difference is. */
  line: number;
  /** 1-based line of the expected answer where the difference is. */
  expectedLine: number;
  /** 1-based byte column in that line (modes `exact` and `lines`). */
  column?: number;
  /** 1-based index of the answer's token that differs (mode `tokens`). */
  token?: number;
  /** The answer around the difference, at most EXCERPT_MAX_CHARS characters. */
  expected: string;
  /** The output around the difference, at most EXCERPT_MAX_CHARS characters. */
  actual: string;
}

export type DifferenceKind =
  /** The output has a different line, token or byte. */
  | 'differs'
  /** The output stops while the answer goes on. */
  | 'output-ends-early'
  /** The answer is complete and the output goes on. */
  | 'extra-output'
  /** Tokens match but whitespace between them does not (space-change-sensitive comparisons). */
  | 'whitespace-differs'
  /** The answer has a number where the output has something else. */
  | 'not-a-number'
  /** A number outside the tolerance of the answer's. */
  | 'outside-tolerance';

/** `line 3`, or `line 3 (answer line 2)` when the two sides are on different lines. */
export function whereLines(line: number, expectedLine: number): string {
  return line === expectedLine ? `line ${line}` : `line ${line} (answer line ${expectedLine})`;
}

/** An excerpt as it appears in a message. */
export function quoted(excerpt: string): string {
  return `\`${excerpt}\``;
}
