/**
 * Whether a program's output matches the expected output: line by line, ignoring
 * whitespace at the end of each line and blank lines at the end (so "\r\n" endings and a
 * missing final newline never fail an otherwise right answer).
 */
export function outputMatches(actual: string, expected: string): boolean {
  const a = normalize(actual);
  const b = normalize(expected);
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

function normalize(text: string): string[] {
  const lines = text.split('\n').map((line) => line.replace(/\s+$/u, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
