import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';

export const typescript: LanguageDefinition = {
  id: 'typescript',
  name: 'TypeScript',
  packages: ['node-typescript', 'nodejs'],
  sourceFile: 'main.ts',
  compile: ['tsc', '--target', 'es2021', '--module', 'commonjs', '$OPTIONS', 'main.ts'],
  run: ['node', 'main.js', '$ARGS'],
  version: ['tsc', '--version'],
  defaultLimits: BASE_LIMITS,
};
