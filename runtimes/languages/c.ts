import type { LanguageDefinition } from '../language';
import { allow, GCC_COMMON } from '../compiler-options';
import { BASE_LIMITS } from './defaults';

export const c: LanguageDefinition = {
  id: 'c',
  name: 'C (GCC)',
  // gcc only recommends libc6-dev, and recommends are not installed.
  packages: ['gcc', 'libc6-dev'],
  sourceFile: 'main.c',
  extensions: ['.c'],
  compile: ['gcc', '-O2', '-std=gnu17', '-pipe', '-o', 'main', '$OPTIONS', 'main.c', '-lm'],
  compilerOptions: [
    ...GCC_COMMON,
    allow(
      '-std=<c89|c99|c11|c17|c2x|gnu89...gnu2x>, -ansi',
      '-std=(?:c|gnu)(?:89|90|99|11|17|18|2x)|-std=iso9899:(?:1990|199409|1999|2011|2017|2018)|-ansi',
    ),
  ],
  artifacts: ['main'],
  run: ['./main', '$ARGS'],
  version: ['gcc', '--version'],
  defaultLimits: BASE_LIMITS,
};
