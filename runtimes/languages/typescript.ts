import type { LanguageDefinition } from '../language';
import { allow } from '../compiler-options';
import { BASE_LIMITS } from './defaults';

export const typescript: LanguageDefinition = {
  id: 'typescript',
  name: 'TypeScript',
  // Debian's nodejs brings @types/node (in /usr/share/nodejs/@types), so `fs`, `process`
  // and `require` type-check.
  packages: ['node-typescript', 'nodejs'],
  sourceFile: 'main.ts',
  extensions: ['.ts', '.mts', '.cts'],
  // No DOM lib and no checking of library .d.ts files: halves tsc's ~4 s of start-up.
  compile: [
    'tsc',
    '--target', 'es2021',
    '--module', 'commonjs',
    '--lib', 'es2021',
    '--typeRoots', '/usr/share/nodejs/@types',
    '--types', 'node',
    '--skipLibCheck',
    '$OPTIONS',
    'main.ts',
  ],
  // Type-checking strictness and the emitted language level only: no --project, --outDir,
  // --outFile, --rootDir, --typeRoots, --plugins, --build, --watch, --generateCpuProfile,
  // which read or write where the caller says. tsc takes no --opt=value form, hence pairs.
  compilerOptions: [
    allow(
      '--strict, --noImplicitAny, --strictNullChecks, --noUnusedLocals, ... (the strictness and checking flags)',
      '--(?:strict|noImplicitAny|strictNullChecks|strictFunctionTypes|strictBindCallApply|strictPropertyInitialization|noImplicitThis|useUnknownInCatchVariables|alwaysStrict|noUnusedLocals|noUnusedParameters|noImplicitReturns|noFallthroughCasesInSwitch|noUncheckedIndexedAccess|noImplicitOverride|exactOptionalPropertyTypes|noPropertyAccessFromIndexSignature|allowUnreachableCode|allowUnusedLabels|esModuleInterop|experimentalDecorators|downlevelIteration|removeComments)',
    ),
    allow('--target <es5|es6|es2015..es2022|esnext>', '--target', 'es5|es6|es20(?:1[5-9]|2[0-2])|esnext'),
  ],
  artifacts: ['*.js'],
  run: ['node', 'main.js', '$ARGS'],
  version: ['sh', '-c', 'echo "tsc $(tsc --version | sed "s/^Version //"), node $(node --version)"'],
  defaultLimits: BASE_LIMITS,
};
