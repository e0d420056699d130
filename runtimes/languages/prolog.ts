import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';

export const prolog: LanguageDefinition = {
  id: 'prolog',
  name: 'Prolog (SWI-Prolog)',
  packages: ['swi-prolog-nox'],
  sourceFile: 'main.pl',
  extensions: ['.pl', '.pro'],
  // Loads the program (its directives run as it loads) and runs main/0 when it defines one,
  // then halts: a program may be only directives. Uncaught errors exit 1.
  run: ['swipl', '-g', '(current_predicate(main/0) -> main ; true)', '-t', 'halt', 'main.pl', '$ARGS'],
  version: ['swipl', '--version'],
  defaultLimits: BASE_LIMITS,
};
