import { describe, expect, it } from 'vitest';
import { outputMatches } from '../../activities/judge/compare-output';
import { judgeRun, type RunOutcome } from '../../activities/judge/verdict';
import { overallVerdict } from '../../common/submission';

const clean: RunOutcome = { stdout: '42\n', stderr: '', exitCode: 0, signal: null, limitExceeded: null };

describe('outputMatches', () => {
  it('ignores trailing whitespace on each line and trailing blank lines', () => {
    expect(outputMatches('1 2  \n3\t\n\n\n', '1 2\n3')).toBe(true);
    expect(outputMatches('a\r\nb\r\n', 'a\nb\n')).toBe(true);
  });

  it('still sees leading whitespace, inner blank lines and different lines', () => {
    expect(outputMatches(' 1\n', '1\n')).toBe(false);
    expect(outputMatches('1\n\n2\n', '1\n2\n')).toBe(false);
    expect(outputMatches('1\n2\n', '1\n')).toBe(false);
    expect(outputMatches('', '0')).toBe(false);
  });
});

describe('judgeRun', () => {
  it('accepts a clean exit, with or without an expected output that matches', () => {
    expect(judgeRun(clean, null)).toBe('ACCEPTED');
    expect(judgeRun(clean, '42')).toBe('ACCEPTED');
  });

  it('is WRONG_ANSWER when a clean run prints something else', () => {
    expect(judgeRun(clean, '41')).toBe('WRONG_ANSWER');
  });

  it('maps each stopping limit to its verdict, before looking at the exit', () => {
    const killed = { ...clean, exitCode: null, signal: 'SIGKILL' };
    expect(judgeRun({ ...killed, limitExceeded: 'cpu' }, '42')).toBe('TIME_LIMIT_EXCEEDED');
    expect(judgeRun({ ...killed, limitExceeded: 'wall' }, '42')).toBe('TIME_LIMIT_EXCEEDED');
    expect(judgeRun({ ...killed, limitExceeded: 'memory' }, '42')).toBe('MEMORY_LIMIT_EXCEEDED');
    expect(judgeRun({ ...killed, limitExceeded: 'output' }, '42')).toBe('OUTPUT_LIMIT_EXCEEDED');
  });

  it('is RUNTIME_ERROR on a non-zero exit or a signal', () => {
    expect(judgeRun({ ...clean, exitCode: 1 }, '42')).toBe('RUNTIME_ERROR');
    expect(judgeRun({ ...clean, exitCode: null, signal: 'SIGSEGV' }, null)).toBe('RUNTIME_ERROR');
  });

  it.each([
    ['Python', 'Traceback (most recent call last):\n  File "main.py", line 1\nMemoryError\n'],
    ['Java', 'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space\n'],
    ['Node.js', 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n'],
    ['Go', 'fatal error: runtime: out of memory\n'],
    ['Rust', 'memory allocation of 1073741824 bytes failed\n'],
    ['Ruby', "main.rb:1:in `*': failed to allocate memory (NoMemoryError)\n"],
    ['PHP', 'PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 4096 bytes)\n'],
    ['C++', "terminate called after throwing an instance of 'std::bad_alloc'\n"],
  ])(
    "is RUNTIME_ERROR, not MEMORY_LIMIT_EXCEEDED, when %s's message is only printed: memory is the kernel's word",
    (_language, stderr) => {
      expect(judgeRun({ ...clean, exitCode: 1, stderr }, null)).toBe('RUNTIME_ERROR');
    },
  );

  it('does not take a clean exit that merely prints such words for an out-of-memory error', () => {
    expect(judgeRun({ ...clean, stderr: 'MemoryError is a Python exception\n' }, '42')).toBe('ACCEPTED');
  });
});

describe('overallVerdict', () => {
  it("takes the first failing case's verdict in case order, ACCEPTED when all pass", () => {
    expect(overallVerdict(['ACCEPTED', 'ACCEPTED'])).toBe('ACCEPTED');
    expect(overallVerdict(['ACCEPTED', 'WRONG_ANSWER', 'TIME_LIMIT_EXCEEDED'])).toBe('WRONG_ANSWER');
    expect(overallVerdict([])).toBe('ACCEPTED');
  });
});
