import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';

export const python: LanguageDefinition = {
  id: 'python',
  name: 'Python 3',
  packages: ['python3'],
  sourceFile: 'main.py',
  extensions: ['.py'],
  run: ['python3', 'main.py', '$ARGS'],
  version: ['python3', '--version'],
  // Every run starts from the submitted files alone: .pyc files written would be wiped unused.
  env: { PYTHONDONTWRITEBYTECODE: '1' },
  defaultLimits: BASE_LIMITS,
};
