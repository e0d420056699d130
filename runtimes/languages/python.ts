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
  // The source directory is read-only at run time; no point trying to write .pyc files.
  env: { PYTHONDONTWRITEBYTECODE: '1' },
  defaultLimits: BASE_LIMITS,
};
