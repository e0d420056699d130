import { describe, expect, it } from 'vitest';
import { parseDiagnostics } from '../../playground/diagnostics';

// Real output of the compilers in sandflow's runtime images, for a source with errors.
const JAVAC = `Main.java:3: error: cannot find symbol
    int y = undefinedName + 1;
            ^
  symbol:   variable undefinedName
  location: class Main
Main.java:5: warning: [removal] Integer(int) in Integer has been deprecated and marked for removal
    Integer i = new Integer(1);
                ^
1 error
1 warning
`;

const KOTLINC = `main.kt:4:13: error: unresolved reference 'y'.
    println(y)
            ^
`;

const SCALAC = `-- [E007] Type Mismatch Error: main.scala:3:17 ----------------------------------
3 |    val x: Int = "text"
  |                 ^^^^^^
  |                 Found:    ("text" : String)
  |                 Required: Int
  |
  | longer explanation available when compiling with \`-explain\`
-- [E006] Not Found Error: main.scala:4:12 --------------------------------------
4 |    println(y)
  |            ^
  |            Not found: y
  |
  | longer explanation available when compiling with \`-explain\`
2 errors found
`;

const GO = `# command-line-arguments
./main.go:4:2: x declared but not used
./main.go:5:2: undefined: fmt
./main.go:5:14: undefined: y
`;

const RUSTC = `warning: unused variable: \`a\`
 --> main.rs:2:9
  |
2 |     let a = 1;
  |         ^ help: if this is intentional, prefix it with an underscore: \`_a\`

error[E0425]: cannot find value \`b\` in this scope
 --> main.rs:3:20
  |
3 |     println!("{}", b);
  |                    ^ help: a local variable with a similar name exists: \`a\`

error: aborting due to previous error

For more information about this error, try \`rustc --explain E0425\`.
`;

const TSC = `main.ts(2,7): error TS2322: Type 'number' is not assignable to type 'string'.
main.ts(3,13): error TS2304: Cannot find name 'c'.`;

const GCC = `main.c: In function 'main':
main.c:1:25: error: 'undefined_name' undeclared (first use in this function)
    1 | int main(void) { return undefined_name; }
      |                         ^~~~~~~~~~~~~~
main.c:1:25: note: each undeclared identifier is reported only once for each function it appears in
main.c:2:1: warning: no newline at end of file
`;

describe('parseDiagnostics', () => {
  it('reads javac errors and warnings with the column from the caret line', () => {
    expect(parseDiagnostics(JAVAC)).toEqual([
      { line: 3, column: 13, severity: 'error', message: 'cannot find symbol' },
      {
        line: 5,
        column: 17,
        severity: 'warning',
        message: '[removal] Integer(int) in Integer has been deprecated and marked for removal',
      },
    ]);
  });

  it('takes column 1 when javac prints no caret line', () => {
    expect(parseDiagnostics('Main.java:7: error: class, interface, enum, or record expected\n1 error\n')).toEqual([
      { line: 7, column: 1, severity: 'error', message: 'class, interface, enum, or record expected' },
    ]);
  });

  it('reads go build errors, which carry no severity word', () => {
    expect(parseDiagnostics(GO)).toEqual([
      { line: 4, column: 2, severity: 'error', message: 'x declared but not used' },
      { line: 5, column: 2, severity: 'error', message: 'undefined: fmt' },
      { line: 5, column: 14, severity: 'error', message: 'undefined: y' },
    ]);
  });

  it('reads rustc diagnostics from their header and --> line, skipping the located-nowhere summary', () => {
    expect(parseDiagnostics(RUSTC)).toEqual([
      { line: 2, column: 9, severity: 'warning', message: 'unused variable: `a`' },
      { line: 3, column: 20, severity: 'error', message: 'cannot find value `b` in this scope' },
    ]);
  });

  it('reads tsc diagnostics in its non-terminal form', () => {
    expect(parseDiagnostics(TSC)).toEqual([
      { line: 2, column: 7, severity: 'error', message: "TS2322: Type 'number' is not assignable to type 'string'." },
      { line: 3, column: 13, severity: 'error', message: "TS2304: Cannot find name 'c'." },
    ]);
  });

  it('reads gcc errors and warnings, not its notes or context lines', () => {
    expect(parseDiagnostics(GCC)).toEqual([
      { line: 1, column: 25, severity: 'error', message: "'undefined_name' undeclared (first use in this function)" },
      { line: 2, column: 1, severity: 'warning', message: 'no newline at end of file' },
    ]);
  });

  it('reads kotlinc errors, which have the gcc shape', () => {
    expect(parseDiagnostics(KOTLINC)).toEqual([{ line: 4, column: 13, severity: 'error', message: "unresolved reference 'y'." }]);
  });

  it('reads scalac errors from their header line and the explanation under the carets', () => {
    expect(parseDiagnostics(SCALAC)).toEqual([
      { line: 3, column: 17, severity: 'error', message: 'Found: ("text" : String); Required: Int' },
      { line: 4, column: 12, severity: 'error', message: 'Not found: y' },
    ]);
  });

  it('finds nothing in a program output or an empty string', () => {
    expect(parseDiagnostics('')).toEqual([]);
    expect(parseDiagnostics('Hello, World!\nTraceback (most recent call last):\n  File "main.py", line 1\n')).toEqual([]);
  });
});
