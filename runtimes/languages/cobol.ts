import type { LanguageDefinition } from '../language';
import { allow } from '../compiler-options';
import { BASE_LIMITS } from './defaults';

export const cobol: LanguageDefinition = {
  id: 'cobol',
  name: 'COBOL (GnuCOBOL)',
  packages: ['gnucobol3'],
  sourceFile: 'main.cob',
  extensions: ['.cob', '.cbl'],
  // Free format; a program can switch with `>>SOURCE FORMAT IS FIXED`. cobc writes its C to TMPDIR (/tmp).
  compile: ['cobc', '-x', '-free', '-O2', '-o', 'main', '$OPTIONS', 'main.cob'],
  // No -I, -L, -l, -A/-Q (C compiler and linker arguments), -conf (reads a file), -ext.
  compilerOptions: [
    allow(
      '-std=<default|cobol2014|cobol2002|cobol85|ibm|mvs|bs2000|mf|acu>',
      '-std=(?:default|cobol2014|cobol2002|cobol85|ibm|mvs|bs2000|mf|acu)',
    ),
    allow('-debug, -g, -W, -Wall, -w, -O, -O2, -Os', '-debug|-g|-W|-Wall|-w|-O2?|-Os'),
  ],
  artifacts: ['main'],
  run: ['./main', '$ARGS'],
  version: ['cobc', '--version'],
  defaultLimits: BASE_LIMITS,
};
