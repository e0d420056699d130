import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';

export const c: LanguageDefinition = {
  id: 'c',
  name: 'C (GCC)',
  // gcc only recommends libc6-dev, and recommends are not installed.
  packages: ['gcc', 'libc6-dev'],
  sourceFile: 'main.c',
  compile: ['gcc', '-O2', '-std=gnu17', '-pipe', '-o', 'main', '$OPTIONS', 'main.c', '-lm'],
  run: ['./main', '$ARGS'],
  version: ['gcc', '--version'],
  defaultLimits: BASE_LIMITS,
};
