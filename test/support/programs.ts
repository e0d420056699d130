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
  /** Never ends on its own (spins the CPU); the time-limit test stops it. */
  loop: string;
  /** Programs with the entry points people write (beyond `hello`'s), by what they show; each prints `OK`. */
  asWritten?: Record<string, string>;
}

export const PROGRAMS: Record<string, Programs> = {
  python: {
    hello: 'print("Hello, World!")\n',
    sum: 'a, b = map(int, input().split())\nprint(a + b)\n',
    runtimeError: 'def f(x):\n    return 1 // x\n\nf(0)\n',
    runtimeMessage: /ZeroDivisionError/,
    loop: 'while True:\n    pass\n',
  },
  c: {
    hello: '#include <stdio.h>\nint main(void) { printf("Hello, World!\\n"); return 0; }\n',
    sum: '#include <stdio.h>\nint main(void) { long long a, b; if (scanf("%lld %lld", &a, &b) != 2) return 1; printf("%lld\\n", a + b); return 0; }\n',
    runtimeError: 'int main(void) { volatile int *p = 0; *p = 1; return 0; }\n',
    runtimeMessage: /^$/,
    runtimeSignal: 'SIGSEGV',
    compileError: 'int main(void) { return undefined_name; }\n',
    compileMessage: /undefined_name. undeclared/,
    loop: 'int main(void) { volatile unsigned long n = 0; for (;;) n++; }\n',
  },
  cpp: {
    hello: '#include <iostream>\nint main() { std::cout << "Hello, World!" << std::endl; }\n',
    sum: '#include <iostream>\nint main() { long long a, b; std::cin >> a >> b; std::cout << a + b << "\\n"; }\n',
    runtimeError: '#include <stdexcept>\nint main() { throw std::runtime_error("boom"); }\n',
    runtimeMessage: /terminate called after throwing an instance of 'std::runtime_error'/,
    runtimeSignal: 'SIGABRT',
    compileError: '#include <string>\nint main() { std::string s = 5.5; }\n',
    compileMessage: /error: conversion from .double. to non-scalar type/,
    loop: 'int main() { volatile unsigned long n = 0; for (;;) n++; }\n',
  },
  java: {
    hello: 'public class Main {\n  public static void main(String[] args) {\n    System.out.println("Hello, World!");\n  }\n}\n',
    sum:
      'import java.util.Scanner;\npublic class Main {\n  public static void main(String[] args) {\n' +
      '    Scanner in = new Scanner(System.in);\n    System.out.println(in.nextLong() + in.nextLong());\n  }\n}\n',
    runtimeError:
      'public class Main {\n  public static void main(String[] args) {\n    throw new IllegalStateException("boom");\n  }\n}\n',
    runtimeMessage: /Exception in thread "main" java\.lang\.IllegalStateException: boom/,
    compileError: 'public class Main {\n  public static void main(String[] args) {\n    int x = "text";\n  }\n}\n',
    compileMessage: /Main\.java:3: error: incompatible types/,
    loop: 'public class Main {\n  public static void main(String[] args) {\n    long n = 0;\n    while (true) n++;\n  }\n}\n',
  },
  javascript: {
    hello: 'console.log("Hello, World!");\n',
    sum: 'const [a, b] = require("fs").readFileSync(0, "utf8").trim().split(/\\s+/).map(Number);\nconsole.log(a + b);\n',
    runtimeError: 'const o = null;\nconsole.log(o.field);\n',
    runtimeMessage: /TypeError: Cannot read properties of null/,
    loop: 'for (;;) {}\n',
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
    loop: 'let n: number = 0;\nfor (;;) n++;\n',
  },
  go: {
    hello: 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("Hello, World!") }\n',
    sum: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tvar a, b int64\n\tfmt.Scan(&a, &b)\n\tfmt.Println(a + b)\n}\n',
    runtimeError: 'package main\n\nfunc main() {\n\tvar s []int\n\t_ = s[3]\n}\n',
    runtimeMessage: /panic: runtime error: index out of range/,
    compileError: 'package main\n\nfunc main() {\n\tx := 1\n}\n',
    // Go 1.19 words it "x declared but not used", Go 1.20 and later "declared and not used: x".
    compileMessage: /x declared but not used|declared and not used: x/,
    loop: 'package main\n\nfunc main() {\n	for {\n	}\n}\n',
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
    loop: 'fn main() {\n    loop {}\n}\n',
  },
  ruby: {
    hello: 'puts "Hello, World!"\n',
    sum: 'a, b = STDIN.read.split.map(&:to_i)\nputs a + b\n',
    runtimeError: 'raise ArgumentError, "boom"\n',
    runtimeMessage: /boom \(ArgumentError\)/,
    loop: 'loop {}\n',
  },
  php: {
    hello: '<?php\necho "Hello, World!\\n";\n',
    sum: '<?php\n[$a, $b] = array_map("intval", preg_split("/\\s+/", trim(stream_get_contents(STDIN))));\necho $a + $b, "\\n";\n',
    runtimeError: '<?php\nthrow new RuntimeException("boom");\n',
    runtimeMessage: /Uncaught RuntimeException: boom/,
    loop: '<?php\nwhile (true) {}\n',
  },
  bash: {
    hello: 'echo "Hello, World!"\n',
    sum: 'read -r a b\necho $((a + b))\n',
    runtimeError: 'set -u\necho "$undefined_variable"\n',
    runtimeMessage: /undefined_variable: unbound variable/,
    loop: 'while :; do :; done\n',
  },
  haskell: {
    hello: 'main :: IO ()\nmain = putStrLn "Hello, World!"\n',
    sum: 'main :: IO ()\nmain = do\n  [a, b] <- map read . words <$> getContents\n  print (a + b :: Integer)\n',
    runtimeError: 'main :: IO ()\nmain = print (head ([] :: [Int]))\n',
    runtimeMessage: /Prelude\.head: empty list/,
    compileError: 'main :: IO ()\nmain = putStrLn True\n',
    compileMessage: /Couldn't match (?:expected )?type/,
    loop: 'main :: IO ()\nmain = spin 0\n  where\n    spin :: Int -> IO ()\n    spin n = spin (n + 1)\n',
  },
  ocaml: {
    hello: 'let () = print_endline "Hello, World!"\n',
    sum: 'let () = Scanf.scanf " %d %d" (fun a b -> Printf.printf "%d\\n" (a + b))\n',
    runtimeError: 'let () = failwith "boom"\n',
    runtimeMessage: /Fatal error: exception Failure\("boom"\)/,
    compileError: 'let x : int = "text"\n',
    compileMessage: /Error: This expression has type string but an expression was expected of type\s+int/,
    loop: 'let rec spin n = spin (n + 1)\nlet () = spin 0\n',
  },
  lua: {
    hello: 'print("Hello, World!")\n',
    sum: 'local a, b = io.read("n", "n")\nprint(a + b)\n',
    runtimeError: 'local t = nil\nprint(t.field)\n',
    runtimeMessage: /attempt to index a nil value \(local 't'\)/,
    loop: 'while true do end\n',
  },
  perl: {
    hello: 'print "Hello, World!\\n";\n',
    sum: 'my ($a, $b) = split " ", <STDIN>;\nprint $a + $b, "\\n";\n',
    runtimeError: 'use strict;\nmy $x = 0;\nprint 1 / $x;\n',
    runtimeMessage: /Illegal division by zero at main\.pl line 3/,
    loop: '1 while 1;\n',
  },
  r: {
    hello: 'cat("Hello, World!\\n")\n',
    // R has no 64-bit integer type; doubles hold integers exactly up to 2^53.
    sum: 'x <- scan(file("stdin"), what = double(), quiet = TRUE)\ncat(sprintf("%.0f", sum(x)), "\\n", sep = "")\n',
    runtimeError: 'f <- function() stop("boom")\nf()\n',
    runtimeMessage: /Error in f\(\) : boom/,
    loop: 'repeat {}\n',
  },
  csharp: {
    hello: 'public class Program {\n  public static void Main() {\n    System.Console.WriteLine("Hello, World!");\n  }\n}\n',
    sum:
      'using System;\npublic class Program {\n  public static void Main() {\n' +
      "    var p = Console.In.ReadToEnd().Split(new[] { ' ', '\\n' }, StringSplitOptions.RemoveEmptyEntries);\n" +
      '    Console.WriteLine(long.Parse(p[0]) + long.Parse(p[1]));\n  }\n}\n',
    runtimeError:
      'public class Program {\n  public static void Main() {\n    throw new System.InvalidOperationException("boom");\n  }\n}\n',
    runtimeMessage: /Unhandled Exception:\s+System\.InvalidOperationException: boom/,
    compileError: 'public class Program {\n  public static void Main() {\n    int x = "text";\n  }\n}\n',
    compileMessage: /main\.cs\(3,13\): error CS0029/,
    loop: 'public class Program {\n  public static void Main() {\n    while (true) {}\n  }\n}\n',
  },
  pascal: {
    hello: "begin\n  writeln('Hello, World!');\nend.\n",
    sum: 'var a, b: int64;\nbegin\n  readln(a, b);\n  writeln(a + b);\nend.\n',
    runtimeError: 'var a, b: integer;\nbegin\n  a := 1;\n  b := 0;\n  writeln(a div b);\nend.\n',
    runtimeMessage: /Runtime error 200/,
    compileError: "var x: integer;\nbegin\n  x := 'text';\nend.\n",
    compileMessage: /Error: Incompatible types/,
    loop: 'begin\n  while true do ;\nend.\n',
  },
  fortran: {
    hello: "program main\n  print '(a)', 'Hello, World!'\nend program main\n",
    sum: "program main\n  integer(8) :: a, b\n  read (*, *) a, b\n  print '(i0)', a + b\nend program main\n",
    runtimeError: 'program main\n  error stop "boom"\nend program main\n',
    runtimeMessage: /ERROR STOP boom/,
    compileError: 'program main\n  integer :: x\n  x = "text"\nend program main\n',
    compileMessage: /Error: Cannot convert CHARACTER\(\d+\) to INTEGER/,
    loop: 'program main\n  do\n  end do\nend program main\n',
  },
  d: {
    hello: 'import std.stdio;\n\nvoid main()\n{\n    writeln("Hello, World!");\n}\n',
    sum: 'import std.stdio;\n\nvoid main()\n{\n    long a, b;\n    readf(" %d %d", a, b);\n    writeln(a + b);\n}\n',
    runtimeError: 'void main()\n{\n    throw new Exception("boom");\n}\n',
    runtimeMessage: /object\.Exception@main\.d\(3\): boom/,
    compileError: 'void main()\n{\n    int x = "text";\n}\n',
    compileMessage: /cannot implicitly convert expression/,
    loop: 'void main()\n{\n    while (true) {}\n}\n',
  },
  nim: {
    hello: 'echo "Hello, World!"\n',
    sum: 'import strutils\n\nlet p = stdin.readAll.splitWhitespace\necho parseBiggestInt(p[0]) + parseBiggestInt(p[1])\n',
    runtimeError: 'raise newException(ValueError, "boom")\n',
    runtimeMessage: /Error: unhandled exception: boom \[ValueError\]/,
    compileError: 'let x: int = "text"\n',
    compileMessage: /Error: type mismatch/,
    loop: 'while true: discard\n',
  },
  elixir: {
    hello: 'IO.puts("Hello, World!")\n',
    sum: '[a, b] = IO.read(:stdio, :eof) |> String.split() |> Enum.map(&String.to_integer/1)\nIO.puts(a + b)\n',
    runtimeError: 'raise "boom"\n',
    runtimeMessage: /\*\* \(RuntimeError\) boom/,
    loop: 'defmodule Spin do\n  def spin(n), do: spin(n + 1)\nend\n\nSpin.spin(0)\n',
  },
  erlang: {
    hello: '-module(main).\n-export([main/0]).\n\nmain() -> io:format("Hello, World!~n").\n',
    sum: '-module(main).\n-export([main/0]).\n\nmain() ->\n    {ok, [A, B]} = io:fread("", "~d ~d"),\n    io:format("~p~n", [A + B]).\n',
    runtimeError: '-module(main).\n-export([main/0]).\n\nmain() -> erlang:error(boom).\n',
    runtimeMessage: /init terminating in do_boot.*boom/,
    compileError: '-module(main).\n-export([main/0]).\n\nmain() -> X.\n',
    compileMessage: /main\.erl:4:\d+: variable 'X' is unbound/,
    loop: '-module(main).\n-export([main/0]).\n\nmain() -> spin(0).\n\nspin(N) -> spin(N + 1).\n',
    asWritten: {
      'escript-style main/1, no -module': 'main(_) ->\n    io:format("OK~n").\n',
      'escript with #! line': '#!/usr/bin/env escript\nmain(_Args) -> io:format("OK~n").\n',
    },
  },
  clojure: {
    hello: '(println "Hello, World!")\n',
    sum: '(require \'[clojure.string :as str])\n(let [[a b] (map #(Long/parseLong %) (str/split (str/trim (slurp *in*)) #"\\s+"))]\n  (println (+ a b)))\n',
    runtimeError: '(throw (IllegalStateException. "boom"))\n',
    runtimeMessage: /\(IllegalStateException\)[\s\S]*boom/,
    loop: '(loop [n 0] (recur (inc n)))\n',
  },
  groovy: {
    hello: 'println "Hello, World!"\n',
    sum: 'def (a, b) = System.in.text.trim().split(/\\s+/).collect { it as long }\nprintln a + b\n',
    runtimeError: 'throw new IllegalStateException("boom")\n',
    runtimeMessage: /java\.lang\.IllegalStateException: boom/,
    loop: 'while (true) {}\n',
  },
  kotlin: {
    hello: 'fun main() {\n    println("Hello, World!")\n}\n',
    sum: 'fun main() {\n    val (a, b) = readln().trim().split(Regex("\\\\s+")).map { it.toLong() }\n    println(a + b)\n}\n',
    runtimeError: 'fun main() {\n    throw IllegalStateException("boom")\n}\n',
    runtimeMessage: /Exception in thread "main" java\.lang\.IllegalStateException: boom/,
    compileError: 'fun main() {\n    val x: Int = "text"\n}\n',
    compileMessage: /main\.kt:2:16: error: initializer type mismatch/,
    loop: 'fun main() {\n    var n = 0L\n    while (true) n++\n}\n',
  },
  scala: {
    hello: 'object Main {\n  def main(args: Array[String]): Unit = println("Hello, World!")\n}\n',
    sum:
      'object Main {\n  def main(args: Array[String]): Unit = {\n' +
      '    val Array(a, b) = scala.io.StdIn.readLine().trim.split("\\\\s+").map(_.toLong)\n    println(a + b)\n  }\n}\n',
    runtimeError: 'object Main {\n  def main(args: Array[String]): Unit = throw new IllegalStateException("boom")\n}\n',
    runtimeMessage: /Exception in thread "main" java\.lang\.IllegalStateException: boom/,
    compileError: 'object Main {\n  def main(args: Array[String]): Unit = {\n    val x: Int = "text"\n  }\n}\n',
    compileMessage: /Type Mismatch Error: main\.scala:3:17/,
    loop: 'object Main {\n  def main(args: Array[String]): Unit = {\n    var n = 0L\n    while (true) n += 1\n  }\n}\n',
  },
  prolog: {
    hello: "main :- write('Hello, World!'), nl.\n",
    sum: `main :-
    read_line_to_string(user_input, S),
    split_string(S, " ", " ", [A0, B0]),
    number_string(A, A0),
    number_string(B, B0),
    C is A + B,
    writeln(C).
`,
    runtimeError: 'main :- X is 1 / 0, writeln(X).\n',
    runtimeMessage: /Arithmetic: evaluation error: .?zero_divisor/,
    loop: 'main :- repeat, fail.\n',
    asWritten: {
      'only a directive': ":- write('OK'), nl.\n",
    },
  },
  racket: {
    hello: '#lang racket/base\n(displayln "Hello, World!")\n',
    sum: '#lang racket/base\n(define a (read))\n(define b (read))\n(displayln (+ a b))\n',
    runtimeError: '#lang racket/base\n(car (list))\n',
    runtimeMessage: /car: contract violation/,
    loop: '#lang racket/base\n(let spin ([n 0]) (spin (add1 n)))\n',
  },
  scheme: {
    hello: '(display "Hello, World!")\n(newline)\n',
    sum: '(define a (read))\n(define b (read))\n(display (+ a b))\n(newline)\n',
    runtimeError: "(car '())\n",
    runtimeMessage: /In procedure car: Wrong type (?:argument in position 1 )?\(expecting pair\)/,
    loop: '(let spin ((n 0)) (spin (+ n 1)))\n',
  },
  sql: {
    hello: "SELECT 'Hello, World!';\n",
    sum: 'CREATE TABLE t (a INTEGER, b INTEGER);\n.separator " "\n.import /dev/stdin t\nSELECT a + b FROM t;\n',
    runtimeError: 'SELECT abs(-9223372036854775807 - 1);\n',
    runtimeMessage: /integer overflow/,
    loop: 'WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c) SELECT count(*) FROM c;\n',
  },
  assembly: {
    hello: `section .data
msg: db "Hello, World!", 10
len: equ $ - msg

section .text
global _start
_start:
    mov eax, 1
    mov edi, 1
    lea rsi, [rel msg]
    mov edx, len
    syscall
    mov eax, 60
    xor edi, edi
    syscall
`,
    sum: `section .bss
buf: resb 256
obuf: resb 32

section .text
global _start
_start:
    xor r12d, r12d              ; bytes read so far
.read:
    xor eax, eax                ; read(0, buf + r12, 255 - r12)
    xor edi, edi
    lea rsi, [rel buf]
    add rsi, r12
    mov edx, 255
    sub rdx, r12
    jz .parse
    syscall
    test rax, rax
    jle .parse
    add r12, rax
    jmp .read
.parse:
    lea rsi, [rel buf]
    lea r8, [rsi + r12]
    call number
    mov rbx, rax
    call number
    add rax, rbx
    lea rdi, [rel obuf + 31]
    mov byte [rdi], 10
    mov ecx, 10
.digit:
    dec rdi
    xor edx, edx
    div rcx
    add dl, '0'
    mov [rdi], dl
    test rax, rax
    jnz .digit
    mov rsi, rdi                ; write(1, rdi, obuf + 32 - rdi)
    lea rdx, [rel obuf + 32]
    sub rdx, rdi
    mov eax, 1
    mov edi, 1
    syscall
    mov eax, 60
    xor edi, edi
    syscall

; The next unsigned decimal number at rsi (before r8) in rax; rsi ends after it.
number:
    xor eax, eax
.skip:
    cmp rsi, r8
    jae .done
    movzx edx, byte [rsi]
    sub edx, '0'
    cmp edx, 9
    jbe .digits
    inc rsi
    jmp .skip
.digits:
    cmp rsi, r8
    jae .done
    movzx edx, byte [rsi]
    sub edx, '0'
    cmp edx, 9
    ja .done
    imul rax, rax, 10
    add rax, rdx
    inc rsi
    jmp .digits
.done:
    ret
`,
    runtimeError: 'section .text\nglobal _start\n_start:\n    xor eax, eax\n    mov rax, [rax]\n',
    runtimeMessage: /^$/,
    runtimeSignal: 'SIGSEGV',
    compileError: 'section .text\nglobal _start\n_start:\n    mov rax, undefined_label\n',
    compileMessage: /error: symbol .undefined_label. not defined/,
    loop: 'section .text\nglobal _start\n_start:\n    jmp _start\n',
  },
  cobol: {
    hello: 'IDENTIFICATION DIVISION.\nPROGRAM-ID. MAIN.\nPROCEDURE DIVISION.\n    DISPLAY "Hello, World!".\n    STOP RUN.\n',
    sum: `IDENTIFICATION DIVISION.
PROGRAM-ID. MAIN.
DATA DIVISION.
WORKING-STORAGE SECTION.
01 LINE-IN PIC X(80).
01 S1 PIC X(20).
01 S2 PIC X(20).
01 TOTAL PIC S9(18).
01 SHOWN PIC -(18)9.
PROCEDURE DIVISION.
    ACCEPT LINE-IN.
    UNSTRING LINE-IN DELIMITED BY ALL SPACE INTO S1 S2.
    COMPUTE TOTAL = FUNCTION NUMVAL(S1) + FUNCTION NUMVAL(S2).
    MOVE TOTAL TO SHOWN.
    DISPLAY FUNCTION TRIM(SHOWN).
    STOP RUN.
`,
    runtimeError: 'IDENTIFICATION DIVISION.\nPROGRAM-ID. MAIN.\nPROCEDURE DIVISION.\n    CALL "NOSUCH".\n    STOP RUN.\n',
    runtimeMessage: /module 'NOSUCH' not found/,
    compileError:
      'IDENTIFICATION DIVISION.\nPROGRAM-ID. MAIN.\nPROCEDURE DIVISION.\n    DISPLAY UNDEFINED-NAME.\n    STOP RUN.\n',
    compileMessage: /'UNDEFINED-NAME' is not defined/,
    loop: `IDENTIFICATION DIVISION.
PROGRAM-ID. MAIN.
DATA DIVISION.
WORKING-STORAGE SECTION.
01 N PIC 9(9) COMP-5 VALUE 0.
PROCEDURE DIVISION.
    PERFORM UNTIL N < 0
        ADD 1 TO N
    END-PERFORM.
    STOP RUN.
`,
  },
  tcl: {
    hello: 'puts "Hello, World!"\n',
    sum: 'lassign [gets stdin] a b\nputs [expr {$a + $b}]\n',
    runtimeError: 'error "boom"\n',
    runtimeMessage: /^boom\n\s+while executing/,
    loop: 'while 1 {}\n',
  },
};
