import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';

export const typescript: LanguageDefinition = {
  id: 'typescript',
  name: 'TypeScript',
  // Debian's nodejs brings @types/node (in /usr/share/nodejs/@types), so `fs`, `process`
  // and `require` type-check.
  packages: ['node-typescript', 'nodejs'],
  sourceFile: 'main.ts',
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
  run: ['node', 'main.js', '$ARGS'],
  version: ['sh', '-c', 'echo "tsc $(tsc --version | sed "s/^Version //"), node $(node --version)"'],
  defaultLimits: BASE_LIMITS,
};
