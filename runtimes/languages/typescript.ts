import type { LanguageDefinition } from '../language';
import { allow } from '../compiler-options';
import { BASE_LIMITS } from './defaults';
import { NODE_24 } from './node-archive';

/** npm packages unpack where Node's resolution finds them from anywhere. */
const NODE_MODULES = '/usr/local/lib/node_modules';

export const typescript: LanguageDefinition = {
  id: 'typescript@5',
  family: 'typescript',
  name: 'TypeScript',
  packages: [],
  // TypeScript 5.9 on the Node.js that JavaScript runs, with @types/node (and undici-types,
  // which it imports) so `fs`, `process` and `require` type-check. Pinned like package-lock.json.
  archives: [
    NODE_24,
    {
      url: 'https://registry.npmjs.org/typescript/-/typescript-5.9.3.tgz',
      integrity: 'sha512-jl1vZzPDinLr9eUt3J/t7V6FgNEw9QjvBPdysz9KfQDD41fQrC2Y4vKQdiaUpFT4bXlb1RHhLpp8wtm6M5TgSw==',
      into: `${NODE_MODULES}/typescript`,
      strip: 1,
    },
    {
      url: 'https://registry.npmjs.org/@types/node/-/node-24.19.2.tgz',
      integrity: 'sha512-93d49wCWJkCyN87MxLpNN6KXPCwFw7bVUg79mGUV1OS40JGWwVCr8n61DXCSqz7CV6/VfPkb7xec7uP2M+QHWQ==',
      into: `${NODE_MODULES}/@types/node`,
      strip: 1,
    },
    {
      url: 'https://registry.npmjs.org/undici-types/-/undici-types-7.24.6.tgz',
      integrity: 'sha512-WRNW+sJgj5OBN4/0JpHFqtqzhpbnV0GuB+OozA9gCL7a993SmU+1JBZCzLNxYsbMfIeDL+lTsphD5jN5N+n0zg==',
      into: `${NODE_MODULES}/undici-types`,
      strip: 1,
    },
  ],
  dockerfile: [`RUN ln -s ${NODE_MODULES}/typescript/bin/tsc /usr/local/bin/tsc`],
  sourceFile: 'main.ts',
  extensions: ['.ts', '.mts', '.cts'],
  // No DOM lib and no checking of library .d.ts files: halves tsc's ~4 s of start-up.
  compile: [
    'tsc',
    '--target',
    'es2021',
    '--module',
    'commonjs',
    '--lib',
    'es2021',
    '--typeRoots',
    `${NODE_MODULES}/@types`,
    '--types',
    'node',
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
