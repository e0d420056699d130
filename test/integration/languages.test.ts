/**
 * Every language end to end on its real image: compile (mode 'compile') where the language
 * has a compiler, then run (mode 'run'), with the language's own commands, environment and
 * default limits. SANDFLOW_TEST_RUNTIME picks the Docker runtime (runc, or runsc for gVisor).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandCommand } from '../../activities/command';
import { compileLimitsOf } from '../../activities/compile-limits';
import { runInSandbox, type SandboxResult } from '../../activities/sandbox';
import { languages } from '../../runtimes/languages';
import type { LanguageDefinition } from '../../runtimes/language';
import { docker, hostDir, imagesOf, leftoverContainers, removeScratch, runtime, show, stdinFile, TEST_LABELS } from '../support/sandbox-harness';

interface Programs {
  hello: string;
  /** Reads two integers from stdin, prints their sum. */
  sum: string;
  /** Compiles, then fails at run time; its stderr matches `runtimeMessage`. */
  runtimeError: string;
  runtimeMessage: RegExp;
  /** The signal that ends it, when it dies of one rather than exiting. */
  runtimeSignal?: string;
  /** Compiled languages: rejected by the compiler with a message matching `compileMessage`. */
  compileError?: string;
  compileMessage?: RegExp;
}

const PROGRAMS: Record<string, Programs> = {
  python: {
    hello: 'print("Hello, World!")\n',
    sum: 'a, b = map(int, input().split())\nprint(a + b)\n',
    runtimeError: 'def f(x):\n    return 1 // x\n\nf(0)\n',
    runtimeMessage: /ZeroDivisionError/,
  },
  c: {
    hello: '#include <stdio.h>\nint main(void) { printf("Hello, World!\\n"); return 0; }\n',
    sum: '#include <stdio.h>\nint main(void) { long long a, b; if (scanf("%lld %lld", &a, &b) != 2) return 1; printf("%lld\\n", a + b); return 0; }\n',
    runtimeError: 'int main(void) { volatile int *p = 0; *p = 1; return 0; }\n',
    runtimeMessage: /^$/,
    runtimeSignal: 'SIGSEGV',
    compileError: 'int main(void) { return undefined_name; }\n',
    compileMessage: /undefined_name. undeclared/,
  },
  cpp: {
    hello: '#include <iostream>\nint main() { std::cout << "Hello, World!" << std::endl; }\n',
    sum: '#include <iostream>\nint main() { long long a, b; std::cin >> a >> b; std::cout << a + b << "\\n"; }\n',
    runtimeError: '#include <stdexcept>\nint main() { throw std::runtime_error("boom"); }\n',
    runtimeMessage: /terminate called after throwing an instance of 'std::runtime_error'/,
    runtimeSignal: 'SIGABRT',
    compileError: '#include <string>\nint main() { std::string s = 5.5; }\n',
    compileMessage: /error: conversion from .double. to non-scalar type/,
  },
  java: {
    hello: 'public class Main {\n  public static void main(String[] args) {\n    System.out.println("Hello, World!");\n  }\n}\n',
    sum:
      'import java.util.Scanner;\npublic class Main {\n  public static void main(String[] args) {\n' +
      '    Scanner in = new Scanner(System.in);\n    System.out.println(in.nextLong() + in.nextLong());\n  }\n}\n',
    runtimeError: 'public class Main {\n  public static void main(String[] args) {\n    throw new IllegalStateException("boom");\n  }\n}\n',
    runtimeMessage: /Exception in thread "main" java\.lang\.IllegalStateException: boom/,
    compileError: 'public class Main {\n  public static void main(String[] args) {\n    int x = "text";\n  }\n}\n',
    compileMessage: /Main\.java:3: error: incompatible types/,
  },
  javascript: {
    hello: 'console.log("Hello, World!");\n',
    sum: 'const [a, b] = require("fs").readFileSync(0, "utf8").trim().split(/\\s+/).map(Number);\nconsole.log(a + b);\n',
    runtimeError: 'const o = null;\nconsole.log(o.field);\n',
    runtimeMessage: /TypeError: Cannot read properties of null/,
  },
  typescript: {
    hello: 'const greeting: string = "Hello, World!";\nconsole.log(greeting);\n',
    sum:
      'import * as fs from "fs";\nconst [a, b]: number[] = fs.readFileSync(0, "utf8").trim().split(/\\s+/).map(Number);\n' +
      'console.log(a + b);\n',
    runtimeError: 'function fail(): never {\n  throw new Error("boom");\n}\nfail();\n',
    runtimeMessage: /Error: boom/,
    compileError: 'const n: number = "not a number";\nconsole.log(n);\n',
    compileMessage: /main\.ts\(1,7\): error TS2322/,
  },
  go: {
    hello: 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("Hello, World!") }\n',
    sum: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tvar a, b int64\n\tfmt.Scan(&a, &b)\n\tfmt.Println(a + b)\n}\n',
    runtimeError: 'package main\n\nfunc main() {\n\tvar s []int\n\t_ = s[3]\n}\n',
    runtimeMessage: /panic: runtime error: index out of range/,
    compileError: 'package main\n\nfunc main() {\n\tx := 1\n}\n',
    compileMessage: /x declared but not used/,
  },
  rust: {
    hello: 'fn main() {\n    println!("Hello, World!");\n}\n',
    sum:
      'use std::io::Read;\n\nfn main() {\n    let mut s = String::new();\n    std::io::stdin().read_to_string(&mut s).unwrap();\n' +
      '    let v: Vec<i64> = s.split_whitespace().map(|x| x.parse().unwrap()).collect();\n    println!("{}", v[0] + v[1]);\n}\n',
    runtimeError: 'fn main() {\n    let v: Vec<i32> = Vec::new();\n    let i = v.len() + 3;\n    println!("{}", v[i]);\n}\n',
    runtimeMessage: /index out of bounds/,
    compileError: 'fn main() {\n    let x: i32 = "text";\n}\n',
    compileMessage: /error\[E0308\]: mismatched types/,
  },
  ruby: {
    hello: 'puts "Hello, World!"\n',
    sum: 'a, b = STDIN.read.split.map(&:to_i)\nputs a + b\n',
    runtimeError: 'raise ArgumentError, "boom"\n',
    runtimeMessage: /boom \(ArgumentError\)/,
  },
  php: {
    hello: '<?php\necho "Hello, World!\\n";\n',
    sum: '<?php\n[$a, $b] = array_map("intval", preg_split("/\\s+/", trim(stream_get_contents(STDIN))));\necho $a + $b, "\\n";\n',
    runtimeError: '<?php\nthrow new RuntimeException("boom");\n',
    runtimeMessage: /Uncaught RuntimeException: boom/,
  },
  bash: {
    hello: 'echo "Hello, World!"\n',
    sum: 'read -r a b\necho $((a + b))\n',
    runtimeError: 'set -u\necho "$undefined_variable"\n',
    runtimeMessage: /undefined_variable: unbound variable/,
  },
};

/** Beyond 32 bits on purpose: every language must add them as 64-bit integers. */
const SUM_INPUT = '1000000000 2345678901\n';
const SUM_OUTPUT = '3345678901\n';

describe(`languages (runtime ${runtime})`, () => {
  let images = new Map<string, string>();

  beforeAll(async () => {
    images = await imagesOf(languages.map((l) => l.id));
  });

  afterAll(async () => {
    try {
      expect(await leftoverContainers()).toEqual([]);
    } finally {
      await removeScratch();
    }
  });

  it('has programs for every language', () => {
    expect(Object.keys(PROGRAMS).sort()).toEqual(languages.map((l) => l.id).sort());
  });

  async function sandbox(def: LanguageDefinition, dir: string, mode: 'compile' | 'run', stdin?: string): Promise<SandboxResult> {
    const command = mode === 'compile' ? expandCommand(def.compile ?? [], '$OPTIONS', []) : expandCommand(def.run, '$ARGS', []);
    return runInSandbox(docker, {
      image: images.get(def.id) ?? '',
      command,
      hostDir: dir,
      mode,
      ...(stdin !== undefined ? { stdinFile: await stdinFile(stdin) } : {}),
      env: def.env ?? {},
      limits: mode === 'compile' ? compileLimitsOf(def) : def.defaultLimits,
      runtime,
      labels: TEST_LABELS,
    });
  }

  /** Compiles (if the language does) and runs `source`. */
  async function compileAndRun(def: LanguageDefinition, source: string, stdin?: string): Promise<SandboxResult> {
    const dir = await hostDir({ [def.sourceFile]: source });
    if (def.compile) {
      const compiled = await sandbox(def, dir, 'compile');
      expect(compiled.exitCode, `compile: ${show(compiled)}`).toBe(0);
      expect(compiled.limitExceeded).toBeNull();
    }
    return sandbox(def, dir, 'run', stdin);
  }

  describe.each(languages.map((def) => ({ id: def.id, def })))('$id', ({ id, def }) => {
    const programs = PROGRAMS[id] as Programs;

    it('prints Hello, World!', async () => {
      const r = await compileAndRun(def, programs.hello);
      expect(r.stdout, show(r)).toBe('Hello, World!\n');
      expect(r.exitCode).toBe(0);
      expect(r.signal).toBeNull();
      expect(r.limitExceeded).toBeNull();
    });

    it('adds two numbers read from stdin', async () => {
      const r = await compileAndRun(def, programs.sum, SUM_INPUT);
      expect(r.stdout, show(r)).toBe(SUM_OUTPUT);
      expect(r.exitCode).toBe(0);
    });

    it('fails at run time', async () => {
      const r = await compileAndRun(def, programs.runtimeError);
      expect(r.signal, show(r)).toBe(programs.runtimeSignal ?? null);
      if (r.signal === null) expect(r.exitCode).not.toBe(0);
      expect(r.limitExceeded).toBeNull();
      expect(r.stderr).toMatch(programs.runtimeMessage);
    });

    if (!def.compile) return;
    it('rejects a compile error with the compiler\'s message', async () => {
      const dir = await hostDir({ [def.sourceFile]: programs.compileError ?? '' });
      const r = await sandbox(def, dir, 'compile');
      expect(r.exitCode, show(r)).not.toBe(0);
      expect(r.exitCode).not.toBeNull();
      expect(r.limitExceeded).toBeNull();
      expect(`${r.stdout}${r.stderr}`).toMatch(programs.compileMessage ?? /./);
    });
  });
});
