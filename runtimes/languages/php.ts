import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';

export const php: LanguageDefinition = {
  id: 'php',
  name: 'PHP',
  packages: ['php-cli'],
  sourceFile: 'main.php',
  extensions: ['.php'],
  run: ['php', 'main.php', '$ARGS'],
  version: ['php', '--version'],
  defaultLimits: BASE_LIMITS,
};
