import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';
import { NODE_24 } from './node-archive';

export const javascript: LanguageDefinition = {
  id: 'javascript@24',
  family: 'javascript',
  name: 'JavaScript (Node.js)',
  packages: [],
  archives: [NODE_24],
  sourceFile: 'main.js',
  extensions: ['.js', '.mjs', '.cjs'],
  run: ['node', 'main.js', '$ARGS'],
  version: ['node', '--version'],
  defaultLimits: BASE_LIMITS,
};
