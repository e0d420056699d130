import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';

export const ruby: LanguageDefinition = {
  id: 'ruby',
  name: 'Ruby',
  packages: ['ruby'],
  sourceFile: 'main.rb',
  extensions: ['.rb'],
  run: ['ruby', 'main.rb', '$ARGS'],
  version: ['ruby', '--version'],
  defaultLimits: BASE_LIMITS,
};
