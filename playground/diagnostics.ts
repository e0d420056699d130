/* Compiler messages → positions in the source, for the editor's markers. Pure: unit-tested in Node. */

/** A compiler diagnostic on a line of the source (1-based line and column). */
export interface Diagnostic {
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
}

const severityOf = (word: string | undefined): Diagnostic['severity'] => (word === 'warning' ? 'warning' : 'error');

/** gcc, g++, clang: `main.c:3:5: error: message` (also `fatal error`, `warning`). */
function gccStyle(output: string): Diagnostic[] {
  return [...output.matchAll(/^[^:\n]+:(\d+):(\d+): (?:fatal )?(error|warning): (.*)$/gm)].map((m) => ({
    line: Number(m[1]),
    column: Number(m[2]),
    severity: severityOf(m[3]),
    message: m[4] ?? '',
  }));
}

/** go build: `./main.go:3:5: undefined: x` (no severity word: every one is an error). */
function goStyle(output: string): Diagnostic[] {
  return [...output.matchAll(/^(?:\.\/)?[^:\s]+\.go:(\d+):(\d+): (?!(?:fatal )?(?:error|warning): )(.*)$/gm)].map((m) => ({
    line: Number(m[1]),
    column: Number(m[2]),
    severity: 'error' as const,
    message: m[3] ?? '',
  }));
}

/**
 * javac: `Main.java:3: error: message`, then the source line and a line with `^` under the
 * column (the only place javac gives the column).
 */
function javacStyle(output: string): Diagnostic[] {
  const lines = output.split('\n');
  const diagnostics: Diagnostic[] = [];
  lines.forEach((text, i) => {
    const m = /^[^:\n]+\.java:(\d+): (error|warning): (.*)$/.exec(text);
    if (!m) return;
    const caret = lines.slice(i + 1, i + 4).find((l) => /^\s*\^\s*$/.test(l));
    diagnostics.push({
      line: Number(m[1]),
      column: caret ? caret.indexOf('^') + 1 : 1,
      severity: severityOf(m[2]),
      message: m[3] ?? '',
    });
  });
  return diagnostics;
}

/** rustc: `error[E0425]: message` (or `warning: …`), then ` --> main.rs:3:5`. */
function rustcStyle(output: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  let header: { severity: Diagnostic['severity']; message: string } | undefined;
  for (const text of output.split('\n')) {
    const h = /^(error|warning)(?:\[\w+\])?: (.*)$/.exec(text);
    if (h) {
      header = { severity: severityOf(h[1]), message: h[2] ?? '' };
      continue;
    }
    const at = /^\s*--> [^:\n]+:(\d+):(\d+)\s*$/.exec(text);
    if (at && header) {
      diagnostics.push({ line: Number(at[1]), column: Number(at[2]), ...header });
      header = undefined;
    }
  }
  return diagnostics;
}

/** tsc without a terminal: `main.ts(3,5): error TS2304: message`. */
function tscStyle(output: string): Diagnostic[] {
  return [...output.matchAll(/^[^(\n]+\((\d+),(\d+)\): (error|warning) (TS\d+: .*)$/gm)].map((m) => ({
    line: Number(m[1]),
    column: Number(m[2]),
    severity: severityOf(m[3]),
    message: m[4] ?? '',
  }));
}

/**
 * Scala 3: `-- [E007] Type Mismatch Error: main.scala:3:17 ----`, the source line, a line of
 * carets, then the explanation on `  |` lines up to an empty one.
 */
function scalacStyle(output: string): Diagnostic[] {
  const lines = output.split('\n');
  const diagnostics: Diagnostic[] = [];
  lines.forEach((text, i) => {
    const m = /^-- (?:\[E\d+\] )?(.+?) (Error|Warning): [^:\n]+\.scala:(\d+):(\d+) -*$/.exec(text);
    if (!m) return;
    const explanation: string[] = [];
    for (const line of lines.slice(i + 3)) {
      const body = /^\s*\|(.*)$/.exec(line)?.[1]?.trim();
      if (!body) break;
      explanation.push(body.replace(/\s+/g, ' '));
    }
    const message = explanation.length > 0 ? explanation.join('; ') : (m[1] ?? '');
    diagnostics.push({ line: Number(m[3]), column: Number(m[4]), severity: severityOf(m[2]?.toLowerCase()), message });
  });
  return diagnostics;
}

/**
 * The diagnostics in a compiler's output (gcc/g++/clang and kotlinc, go, javac, rustc, tsc, scalac), in the order
 * of their lines in the source. Lines of other shapes (notes, context, summaries) are skipped.
 */
export function parseDiagnostics(output: string): Diagnostic[] {
  const text = output.replace(/\r\n/g, '\n');
  return [...gccStyle(text), ...goStyle(text), ...javacStyle(text), ...rustcStyle(text), ...tscStyle(text), ...scalacStyle(text)]
    .filter((d) => d.line >= 1 && d.column >= 1)
    .sort((a, b) => a.line - b.line || a.column - b.column);
}
