/** Small programs per language: what the conformance suite and the sandbox benchmark run. */
export interface Programs {
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

export const PROGRAMS: Record<string, Programs> = {
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
