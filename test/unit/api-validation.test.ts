import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { SubmitInput } from '../../api/generated/resolvers-types';
import { MIN_LIMITS, validateSubmitInput } from '../../api/validation/submit-input';
import { loadConfig } from '../../common/config';
import { LIMIT_FIELDS } from '../../common/limits';
import { languages } from '../../runtimes/languages';

const config = loadConfig({
  SANDFLOW_MAX_SOURCE_KB: '4',
  SANDFLOW_MAX_STDIN_KB: '2',
  SANDFLOW_MAX_FILES: '3',
  SANDFLOW_MAX_FILE_KB: '1',
  SANDFLOW_MAX_TEST_CASES: '2',
  SANDFLOW_MAX_OUTPUT_KB: '8',
});
const served = languages.filter((l) => l.id === 'python' || l.id === 'c');
const KIB = 1024;

function rejection(input: Partial<SubmitInput>): { field: unknown; code: unknown; message: string } {
  try {
    validateSubmitInput({ language: 'python', source: 'print(1)', ...input }, config, served);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return { field: error.extensions.field, code: error.extensions.code, message: error.message };
  }
  throw new Error(`accepted: ${JSON.stringify(input).slice(0, 200)}`);
}

/** Each rejection is BAD_USER_INPUT, names its field first, and says what is allowed. */
function expectRejected(input: Partial<SubmitInput>, field: string, allowed: RegExp): void {
  const { field: named, code, message } = rejection(input);
  expect(code).toBe('BAD_USER_INPUT');
  expect(named).toBe(field);
  expect(message.startsWith(`${field}: `)).toBe(true);
  expect(message).toMatch(allowed);
}

describe('validateSubmitInput', () => {
  it('accepts a minimal input and fills in the language defaults', () => {
    const python = served.find((l) => l.id === 'python');
    const request = validateSubmitInput({ language: 'python', source: 'print(1)' }, config, served);
    expect(request).toMatchObject({ language: 'python', stdin: null, files: [], testCases: [], compilerOptions: [], args: [], idempotencyKey: null });
    expect(request.limits).toEqual(python?.defaultLimits);
  });

  it('accepts every field exactly at its maximum', () => {
    const request = validateSubmitInput(
      {
        language: 'c',
        source: 'x'.repeat(4 * KIB),
        stdin: 's'.repeat(2 * KIB),
        files: [
          { path: 'a.txt', content: 'f'.repeat(KIB) },
          { path: 'dir/b.txt', content: '' },
          { path: 'c', content: '' },
        ],
        testCases: [{ stdin: 's'.repeat(2 * KIB), expectedOutput: 'o'.repeat(8 * KIB) }, {}],
        limits: config.maxLimits,
        compilerOptions: Array.from({ length: 32 }, () => '-O2'),
        args: Array.from({ length: 64 }, () => 'a'.repeat(1024)),
        idempotencyKey: 'k'.repeat(128),
      },
      config,
      served,
    );
    expect(request.limits).toEqual(config.maxLimits);
    expect(request.testCases).toHaveLength(2);
  });

  it('language: must be one this deployment serves, and lists them', () => {
    expectRejected({ language: 'cobol' }, 'language', /"cobol" is not available; allowed: python, c/);
  });

  it('source: not empty, at most the configured KiB', () => {
    expectRejected({ source: '' }, 'source', /must not be empty; allowed is 1 byte to 4 KiB/);
    expectRejected({ source: 'x'.repeat(4 * KIB + 1) }, 'source', /must be at most 4 KiB \(4096 bytes\); got 4097 bytes/);
    // Bytes, not characters: multi-byte text cannot slip past the limit.
    expectRejected({ source: 'é'.repeat(2 * KIB + 1) }, 'source', /got 4098 bytes/);
  });

  it('stdin: at most the configured KiB', () => {
    expectRejected({ stdin: 's'.repeat(2 * KIB + 1) }, 'stdin', /must be at most 2 KiB \(2048 bytes\); got 2049 bytes/);
  });

  it('files: at most the configured number, each a safe unique relative path of limited size', () => {
    const file = (path: string, content = '') => ({ path, content });
    expectRejected({ files: [file('a'), file('b'), file('c'), file('d')] }, 'files', /at most 3 files are allowed \(got 4\)/);
    for (const bad of ['/etc/passwd', '../up', 'a/../b', './a', 'a//b', 'a/', 'with space', 'x'.repeat(256), '']) {
      expectRejected({ files: [file(bad)] }, 'files[0].path', /must be a relative path of letters, digits.*at most 255 characters, without "\." or "\.\." segments/);
    }
    expectRejected({ files: [file('a'), file('a')] }, 'files[1].path', /"a" is already used by the source or another file; each path must be unique/);
    expectRejected({ files: [file('main.py')] }, 'files[0].path', /"main.py" is already used/);
    expectRejected({ files: [file('a', 'f'.repeat(KIB + 1))] }, 'files[0].content', /must be at most 1 KiB \(1024 bytes\); got 1025 bytes/);
  });

  it('testCases: at most the configured number; stdin and expectedOutput bounded', () => {
    expectRejected({ testCases: [{}, {}, {}] }, 'testCases', /at most 2 test cases are allowed \(got 3\)/);
    expectRejected({ testCases: [{}, { stdin: 's'.repeat(2 * KIB + 1) }] }, 'testCases[1].stdin', /must be at most 2 KiB \(2048 bytes\); got 2049 bytes/);
    expectRejected({ testCases: [{ expectedOutput: 'o'.repeat(8 * KIB + 1) }] }, 'testCases[0].expectedOutput', /must be at most 8 KiB \(8192 bytes\)/);
  });

  it('limits: every field between its floor and the deployment maximum', () => {
    for (const field of LIMIT_FIELDS) {
      const low = MIN_LIMITS[field];
      const high = config.maxLimits[field];
      const range = new RegExp(`must be between ${low} and ${high} \\(got`);
      expectRejected({ limits: { [field]: low - 1 } }, `limits.${field}`, range);
      expectRejected({ limits: { [field]: high + 1 } }, `limits.${field}`, range);
      expect(validateSubmitInput({ language: 'python', source: 'x', limits: { [field]: low } }, config, served).limits[field]).toBe(low);
    }
  });

  it('compilerOptions: only for compiled languages, at most 32, each a plain flag', () => {
    expectRejected({ compilerOptions: ['-O2'] }, 'compilerOptions', /python is not compiled; leave compilerOptions out/);
    expectRejected({ language: 'c', compilerOptions: Array.from({ length: 33 }, () => '-O2') }, 'compilerOptions', /at most 32 options are allowed \(got 33\)/);
    for (const bad of ['O2', '-o /etc/x', '-D$(id)', `-${'x'.repeat(128)}`]) {
      expectRejected({ language: 'c', compilerOptions: [bad] }, 'compilerOptions[0]', /must start with "-", be at most 128 characters/);
    }
  });

  it('args: at most 64, each at most 1024 characters without NUL', () => {
    expectRejected({ args: Array.from({ length: 65 }, () => 'a') }, 'args', /at most 64 arguments are allowed \(got 65\)/);
    expectRejected({ args: ['a'.repeat(1025)] }, 'args[0]', /must be at most 1024 characters without NUL/);
    expectRejected({ args: ['a\0b'] }, 'args[0]', /without NUL/);
  });

  it('idempotencyKey: 1 to 128 characters', () => {
    expectRejected({ idempotencyKey: '' }, 'idempotencyKey', /must be 1 to 128 characters \(got 0\)/);
    expectRejected({ idempotencyKey: 'k'.repeat(129) }, 'idempotencyKey', /must be 1 to 128 characters \(got 129\)/);
  });
});
