import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';

export const scheme: LanguageDefinition = {
  id: 'scheme',
  name: 'Scheme (GNU Guile)',
  packages: ['guile-3.0'],
  sourceFile: 'main.scm',
  extensions: ['.scm', '.ss'],
  // Interpreted: auto-compiling would spend seconds compiling the file into ~/.cache on every run.
  run: ['guile', '--no-auto-compile', 'main.scm', '$ARGS'],
  version: ['guile', '--version'],
  // One GC marker thread: the sandbox has one CPU (bdw-gc starts one per host core otherwise).
  env: { GC_MARKERS: '1' },
  defaultLimits: BASE_LIMITS,
};
