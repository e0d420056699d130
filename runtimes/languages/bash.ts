import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';

export const bash: LanguageDefinition = {
  id: 'bash',
  name: 'Bash',
  // coreutils is already in the base image; scripts lean on it anyway.
  packages: ['bash', 'coreutils'],
  sourceFile: 'main.sh',
  extensions: ['.sh', '.bash'],
  run: ['bash', 'main.sh', '$ARGS'],
  version: ['bash', '--version'],
  defaultLimits: BASE_LIMITS,
};
