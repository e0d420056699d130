import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';

export const javascript: LanguageDefinition = {
  id: 'javascript',
  name: 'JavaScript (Node.js)',
  packages: ['nodejs'],
  sourceFile: 'main.js',
  extensions: ['.js', '.mjs', '.cjs'],
  run: ['node', 'main.js', '$ARGS'],
  version: ['node', '--version'],
  defaultLimits: BASE_LIMITS,
};
