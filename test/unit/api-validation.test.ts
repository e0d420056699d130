import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { SubmitInput } from '../../api/generated/resolvers-types';
import { MIN_LIMITS, validateSubmitInput } from '../../api/validation/submit-input';
import { loadConfig } from '../../common/config';
import { LIMIT_FIELDS } from '../../common/limits';
import type { LanguageDefinition } from '../../runtimes/language';
import { languageById, languages } from '../../runtimes/languages';

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

/** Where a case departs from the suite's deployment: other maxima, or every language served. */
interface Setting {
  deployment?: typeof config;
  known?: readonly LanguageDefinition[];
}

function rejection(
  input: Partial<SubmitInput>,
  { deployment = config, known = served }: Setting = {},
): { field: unknown; code: unknown; message: string } {
  try {
    validateSubmitInput({ language: 'python', source: 'print(1)', ...input }, deployment, known);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return { field: error.extensions.field, code: error.extensions.code, message: error.message };
  }
  throw new Error(`accepted: ${JSON.stringify(input).slice(0, 200)}`);
}

/** Each rejection is BAD_USER_INPUT, names its field first, and says what is allowed. */
function expectRejected(input: Partial<SubmitInput>, field: string, allowed: RegExp, setting: Setting = {}): void {
  const { field: named, code, message } = rejection(input, setting);
  expect(code).toBe('BAD_USER_INPUT');
  expect(named).toBe(field);
  expect(message.startsWith(`${field}: `)).toBe(true);
  expect(message).toMatch(allowed);
}

describe('validateSubmitInput', () => {
  it('accepts a minimal input and fills in the language defaults', () => {
    const python = served.find((l) => l.id === 'python');
    const request = validateSubmitInput({ language: 'python', source: 'print(1)' }, config, served);
    expect(request).toMatchObject({
      language: 'python',
      stdin: null,
      files: [],
      testCases: [],
      compilerOptions: [],
      args: [],
      idempotencyKey: null,
    });
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
      expectRejected(
        { files: [file(bad)] },
        'files[0].path',
        /must be a relative path of letters, digits.*at most 255 characters, without "\." or "\.\." segments/,
      );
    }
    expectRejected(
      { files: [file('a'), file('a')] },
      'files[1].path',
      /"a" is already used by the source or another file; each path must be unique/,
    );
    expectRejected({ files: [file('main.py')] }, 'files[0].path', /"main.py" is already used/);
    expectRejected(
      { files: [file('a', 'f'.repeat(KIB + 1))] },
      'files[0].content',
      /must be at most 1 KiB \(1024 bytes\); got 1025 bytes/,
    );
  });

  it('testCases: at most the configured number; stdin and expectedOutput bounded', () => {
    expectRejected({ testCases: [{}, {}, {}] }, 'testCases', /at most 2 test cases are allowed \(got 3\)/);
    expectRejected(
      { testCases: [{}, { stdin: 's'.repeat(2 * KIB + 1) }] },
      'testCases[1].stdin',
      /must be at most 2 KiB \(2048 bytes\); got 2049 bytes/,
    );
    expectRejected(
      { testCases: [{ expectedOutput: 'o'.repeat(8 * KIB + 1) }] },
      'testCases[0].expectedOutput',
      /must be at most 8 KiB \(8192 bytes\)/,
    );
  });

  it('limits: every field between its floor and the deployment maximum', () => {
    for (const field of LIMIT_FIELDS) {
      const low = MIN_LIMITS[field];
      const high = config.maxLimits[field];
      const range = new RegExp(`must be between ${low} and ${high} \\(got`);
      expectRejected({ limits: { [field]: low - 1 } }, `limits.${field}`, range);
      expectRejected({ limits: { [field]: high + 1 } }, `limits.${field}`, range);
      expect(
        validateSubmitInput({ language: 'python', source: 'x', limits: { [field]: low } }, config, served).limits[field],
      ).toBe(low);
    }
  });

  it('compilerOptions: only for compiled languages, at most 32, each at most 128 characters', () => {
    expectRejected({ compilerOptions: ['-O2'] }, 'compilerOptions', /python is not compiled; leave compilerOptions out/);
    expectRejected(
      { language: 'c', compilerOptions: Array.from({ length: 33 }, () => '-O2') },
      'compilerOptions',
      /at most 32 options are allowed \(got 33\)/,
    );
    expectRejected(
      { language: 'c', compilerOptions: ['-O2', `-D${'X'.repeat(127)}`] },
      'compilerOptions[1]',
      /must be at most 128 characters \(got 129\)/,
    );
  });

  it('compilerOptions: interpreted languages define no allowlist, compiled ones do (empty: none accepted)', () => {
    for (const language of languages)
      expect(language.compilerOptions !== undefined, language.id).toBe(language.compile !== undefined);
  });

  /** Options that make the compiler run, load or write what the caller chose; each must be refused. */
  const HOSTILE: Record<string, string[][]> = {
    c: [
      ['-specs=x'],
      ['-wrapper', 'sh,-c,id'],
      ['-wrapper'],
      ['-fplugin=./p.so'],
      ['-fplugin-arg-p-x=y'],
      ['-B/box'],
      ['-B.'],
      ['-L.'],
      ['-lfoo'],
      ['-Wl,-rpath,.'],
      ['-Wl'],
      ['-Wa,-o,x'],
      ['-Wp,-imacros,x'],
      ['-Xlinker'],
      ['-o', 'x'],
      ['-include'],
      ['-imacros'],
      ['-iquote.'],
      ['-isystem.'],
      ['-save-temps'],
      ['-fdump-tree-all'],
      ['-fprofile-generate=/tmp'],
      ['-x'],
      ['-D$(id)'],
      ['-DX=$(id)'],
      ['-DX=a"b'],
      ['-march=x;id'],
      ['-std=c17;id'],
      ['-fuse-ld=x'],
      ['-print-prog-name=ld'],
      ['O2'],
      ['@args'],
    ],
    cpp: [['-specs=x'], ['-fplugin=./p.so'], ['-wrapper'], ['-B.'], ['-Wl,--script=x'], ['-std=c++17x'], ['-fmodule-mapper=x']],
    rust: [
      ['-Clinker=/box/x'],
      ['-C', 'linker=/box/x'],
      ['-C', 'link-arg=-Wl,-wrapper'],
      ['-Clink-args=x'],
      ['-Clink-arg=x'],
      ['-C', 'llvm-args=x'],
      ['-Cprefer-dynamic'],
      ['-L.'],
      ['-lfoo'],
      ['--extern', 'x=/box/x'],
      ['-Zunstable-options'],
      ['--edition=2018'],
      ['-o', 'x'],
      ['--out-dir=x'],
      ['--emit=link=x'],
      ['--cfg', 'feature="x"'],
      ['-C'],
      ['--cfg'],
      ['--sysroot=.'],
      ['--target=x.json'],
    ],
    go: [
      ['-ldflags=-X'],
      ['-ldflags', '-linkmode=external'],
      ['-toolexec=/box/x'],
      ['-exec=x'],
      ['-gcflags=all=-N'],
      ['-asmflags=x'],
      ['-race'],
      ['-overlay=x'],
      ['-modfile=x'],
      ['-o', 'x'],
      ['-C', '.'],
    ],
    java: [
      ['-J-XX:VMOptionsFile=x'],
      ['-J-javaagent:x'],
      ['-processorpath', '.'],
      ['--processor-path=.'],
      ['-processor', 'X'],
      ['-Xplugin:x'],
      ['-cp', '.'],
      ['-classpath'],
      ['-d', '/tmp'],
      ['-Aa=b'],
      ['--release'],
      ['--release', 'x'],
      ['-source', '17;id'],
      ['--module-path=.'],
      ['-Xlint:$x'],
    ],
    typescript: [
      ['--plugins'],
      ['--project', '.'],
      ['-p'],
      ['--outDir', '/box'],
      ['--outFile', 'x'],
      ['--generateCpuProfile', 'x'],
      ['--watch'],
      ['--build'],
      ['--typeRoots'],
      ['--target', 'es2020;x'],
      ['--target'],
    ],
  };

  it('compilerOptions: refuses hostile options per language, naming the element and what the language allows', () => {
    for (const [language, cases] of Object.entries(HOSTILE)) {
      for (const options of cases) {
        // After one allowed option, so the refusal must name the right element.
        const first = language === 'go' ? '-v' : language === 'typescript' ? '--strict' : '-g';
        const { field, code, message } = rejection(
          { language, source: 'x', compilerOptions: [first, ...options] },
          { known: languages },
        );
        const context = `${language} ${options.join(' ')}`;
        // A family's plain id is its default version, which the message names (go@1.27).
        const id = (languageById(language)?.id ?? language).replace(/\./g, '\\.');
        expect(code, context).toBe('BAD_USER_INPUT');
        expect(String(field), context).toMatch(/^compilerOptions\[[12]\]$/);
        expect(message, context).toMatch(
          new RegExp(
            `^compilerOptions\\[[12]\\]: ".*" (is not allowed for ${id}|needs a value|is not an allowed value).*; allowed for ${id}: .+`,
          ),
        );
      }
    }
    // The refusal names the element at fault: the option itself, or the value after it.
    expectRejected(
      { language: 'c', compilerOptions: ['-O2', '-specs=x'] },
      'compilerOptions[1]',
      /^compilerOptions\[1\]: "-specs=x" is not allowed for c; allowed for c: -O0\.\.-O3.*-D<NAME>/,
      { known: languages },
    );
    expectRejected(
      { language: 'typescript', compilerOptions: ['--target', 'es2020;x'] },
      'compilerOptions[1]',
      /"es2020;x" is not an allowed value of "--target" \(--target <es5/,
      { known: languages },
    );
    expectRejected(
      { language: 'java', compilerOptions: ['-g', '--release'] },
      'compilerOptions[1]',
      /"--release" needs a value as the next option/,
      { known: languages },
    );
  });

  it('compilerOptions: accepts harmless options per language, joined or as value pairs', () => {
    const harmless: Record<string, string[]> = {
      c: [
        '-O3',
        '-Os',
        '-g',
        '-Wall',
        '-Wextra',
        '-Wno-unused-result',
        '-Werror=format',
        '-pedantic',
        '-std=c11',
        '-DDEBUG',
        '-DN=10',
        '-DV=1.5',
        '-UNDEBUG',
        '-march=native',
        '-fwrapv',
        '-lm',
        '-w',
      ],
      cpp: ['-O2', '-std=c++20', '-std=gnu++14', '-fno-exceptions', '-fno-rtti', '-Wshadow', '-DLOCAL'],
      rust: [
        '-O',
        '-g',
        '-Copt-level=3',
        '-C',
        'opt-level=2',
        '-C',
        'overflow-checks=yes',
        '-Ctarget-cpu=native',
        '--cfg',
        'local',
        '--cfg=fast',
        '-Awarnings',
        '-Dunused_variables',
      ],
      go: ['-trimpath', '-v'],
      java: [
        '-g',
        '-g:source,lines',
        '-Xlint',
        '-Xlint:all,-serial',
        '-Werror',
        '--release',
        '17',
        '-source',
        '11',
        '--release=11',
        '-deprecation',
      ],
      typescript: ['--strict', '--noImplicitAny', '--target', 'es2020', '--noUnusedLocals', '--target', 'esnext'],
    };
    for (const [language, compilerOptions] of Object.entries(harmless)) {
      expect(
        validateSubmitInput({ language, source: 'x', compilerOptions }, config, languages).compilerOptions,
        language,
      ).toEqual(compilerOptions);
    }
  });

  it('files: refuses a path that is also a directory of another path or of the source', () => {
    const file = (path: string) => ({ path, content: '' });
    expectRejected({ files: [file('a'), file('a/b')] }, 'files[1].path', /"a\/b" would be inside "a", which is a file/);
    expectRejected(
      { files: [file('a/b/c'), file('a/b')] },
      'files[1].path',
      /"a\/b" would be a file and also the directory of "a\/b\/c"/,
    );
    expectRejected({ files: [file('main.py/x')] }, 'files[0].path', /"main\.py\/x" would be inside "main\.py", which is a file/);
    expectRejected({ language: 'c', files: [file('x'), file('main.c/y')] }, 'files[1].path', /inside "main\.c"/);
    // Shared directories, shared name prefixes and the source's name elsewhere are fine.
    const files = ['x/main.py', 'x/y', 'a/b', 'ab', 'a.b/c'].map(file);
    expect(validateSubmitInput({ language: 'python', source: 'x', files }, loadConfig({}), served).files).toHaveLength(5);
  });

  it('limits: the sum of wall limits over all runs stays within the deployment budget', () => {
    expect(loadConfig({}).maxSubmissionWallMs).toBe(600_000);
    // The default budget fits the default maximum of test cases at the default wall limit.
    const defaults = loadConfig({});
    validateSubmitInput(
      { language: 'python', source: 'x', testCases: Array.from({ length: defaults.maxInput.testCases }, () => ({})) },
      defaults,
      served,
    );

    const budget = loadConfig({ SANDFLOW_MAX_SUBMISSION_WALL_MS: '10000', SANDFLOW_MAX_TEST_CASES: '100' });
    const wall = (count: number, wallTimeMs?: number) => ({
      testCases: Array.from({ length: count }, () => ({})),
      ...(wallTimeMs ? { limits: { wallTimeMs } } : {}),
    });
    expectRejected(
      wall(3),
      'testCases',
      /^testCases: at most 10000 ms of wall time are allowed per submission \(runs × limits\.wallTimeMs\); got 3 × 5000 ms = 15000 ms; send fewer test cases or a smaller limits\.wallTimeMs$/,
      { deployment: budget },
    );
    expectRejected(wall(6, 2000), 'testCases', /got 6 × 2000 ms = 12000 ms/, { deployment: budget });
    expectRejected(wall(0, 20_000), 'limits.wallTimeMs', /at most 10000 ms .* got 1 × 20000 ms = 20000 ms/, {
      deployment: budget,
    });
    expect(validateSubmitInput({ language: 'python', source: 'x', ...wall(2) }, budget, served).testCases).toHaveLength(2);
    expect(validateSubmitInput({ language: 'python', source: 'x', ...wall(5, 2000) }, budget, served).limits.wallTimeMs).toBe(
      2000,
    );
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
