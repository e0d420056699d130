import type { LanguageDefinition } from '../language';
import { allow } from '../compiler-options';
import { BASE_LIMITS } from './defaults';

/** Debian bookworm ships Nim 1.6.10 (2022); Nim 2 changed the default memory management and is not packaged. */
export const nim: LanguageDefinition = {
  id: 'nim',
  name: 'Nim',
  // nim generates C and compiles it with gcc, which the package does not depend on.
  packages: ['nim', 'gcc', 'libc6-dev'],
  sourceFile: 'main.nim',
  extensions: ['.nim'],
  // The C sources go to /tmp (writable, wiped), one gcc at a time on the sandbox's one CPU.
  compile: [
    'nim',
    'compile',
    '--hints:off',
    '--parallelBuild:1',
    '-d:release',
    '--nimcache:/tmp/nimcache',
    '-o:main',
    '$OPTIONS',
    'main.nim',
  ],
  // No --passC/--passL/--cc/--clang.exe (compiler and linker arguments), --path, --import, --include, -d:<any> (some name tools).
  compilerOptions: [
    allow('-d:danger', '-d:danger'),
    allow('--opt:<none|speed|size>', '--opt:(?:none|speed|size)'),
    allow(
      '--checks|--boundChecks|--overflowChecks|--rangeChecks|--assertions:<on|off>',
      '--(?:checks|boundChecks|overflowChecks|rangeChecks|assertions):(?:on|off)',
    ),
    allow('--mm:<refc|arc|orc|markAndSweep>, --gc:<same>', '--(?:mm|gc):(?:refc|arc|orc|markAndSweep)'),
    allow('--hints:<on|off>, --warnings:<on|off>', '--(?:hints|warnings):(?:on|off)'),
  ],
  artifacts: ['main'],
  run: ['./main', '$ARGS'],
  version: ['nim', '--version'],
  defaultLimits: BASE_LIMITS,
};
