import type { LanguageDefinition } from '../language';
import { allow } from '../compiler-options';
import { BASE_LIMITS } from './defaults';

export const haskell: LanguageDefinition = {
  id: 'haskell',
  name: 'Haskell (GHC)',
  packages: ['ghc'],
  sourceFile: 'main.hs',
  extensions: ['.hs'],
  // -O rather than -O2: on hello world -O2 costs compile time and rarely pays off on judge-sized programs.
  compile: ['ghc', '-O', '-o', 'main', '$OPTIONS', 'main.hs'],
  // No -F/-pgm*/-opt*/-plugin/-package-db/-i: they run a program or load code the caller chose.
  compilerOptions: [
    allow('-O0, -O1, -O2', '-O[0-2]'),
    allow('-Wall, -w, -Werror, -Wdefault', '-Wall|-w|-Werror|-Wdefault'),
    allow('-threaded, -rtsopts', '-threaded|-rtsopts'),
  ],
  artifacts: ['main'],
  run: ['./main', '$ARGS'],
  version: ['ghc', '--version'],
  // The GHC runtime reserves 1 TB of address space up front; that is virtual, not counted.
  defaultLimits: BASE_LIMITS,
};
