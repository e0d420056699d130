import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';

export const tcl: LanguageDefinition = {
  id: 'tcl',
  name: 'Tcl',
  packages: ['tcl8.6'],
  sourceFile: 'main.tcl',
  extensions: ['.tcl'],
  run: ['tclsh8.6', 'main.tcl', '$ARGS'],
  version: ['sh', '-c', 'echo "puts \\"Tcl [info patchlevel]\\"" | tclsh8.6'],
  defaultLimits: BASE_LIMITS,
};
