import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';

export const prolog: LanguageDefinition = {
  id: 'prolog',
  name: 'Prolog (SWI-Prolog)',
  packages: ['swi-prolog-nox'],
  sourceFile: 'main.pl',
  extensions: ['.pl', '.pro'],
  // Loads the program and runs main/0, then halts; a program using
  // `:- initialization(main, main).` halts before -g is reached. Uncaught errors exit 1.
  run: ['swipl', '-g', 'main', '-t', 'halt', 'main.pl', '$ARGS'],
  version: ['swipl', '--version'],
  defaultLimits: BASE_LIMITS,
};
