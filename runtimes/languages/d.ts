import type { LanguageDefinition } from '../language';
import { allow } from '../compiler-options';
import { BASE_LIMITS } from './defaults';

/** gdc 12 carries the D 2.100 front end (2022): current enough for judge programs. */
export const d: LanguageDefinition = {
  id: 'd',
  name: 'D (GDC)',
  packages: ['gdc', 'libc6-dev'],
  sourceFile: 'main.d',
  extensions: ['.d'],
  compile: ['gdc', '-O2', '-pipe', '-o', 'main', '$OPTIONS', 'main.d'],
  // No -I/-J (import and string-import paths), -B, -wrapper, -fplugin, -Wl: they read or run what the caller names.
  compilerOptions: [
    allow('-O0..-O3, -Os, -g', '-O[0-3s]?|-g'),
    allow('-w, -Wall, -Werror, -Wdeprecated', '-w|-Wall|-Werror|-Wdeprecated'),
    allow(
      '-frelease, -fno-bounds-check, -fbounds-check, -fdebug, -fno-assert, -funittest',
      '-frelease|-fno-bounds-check|-fbounds-check|-fdebug|-fno-assert|-funittest',
    ),
    allow('-fversion=<IDENT>', '-fversion=[A-Za-z_][A-Za-z0-9_]*'),
  ],
  artifacts: ['main'],
  run: ['./main', '$ARGS'],
  version: ['gdc', '--version'],
  defaultLimits: BASE_LIMITS,
};
