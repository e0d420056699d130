import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';

export const racket: LanguageDefinition = {
  id: 'racket',
  name: 'Racket',
  packages: ['racket'],
  sourceFile: 'main.rkt',
  extensions: ['.rkt'],
  // The module is expanded and compiled in memory on each run (nothing is written to compiled/).
  run: ['racket', 'main.rkt', '$ARGS'],
  version: ['racket', '--version'],
  // `#lang racket` loads the whole library, ~0.5 s of CPU before the program runs.
  defaultLimits: { ...BASE_LIMITS, memoryMb: 512 },
};
