import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';

export const rust: LanguageDefinition = {
  id: 'rust',
  name: 'Rust',
  packages: ['rustc'],
  sourceFile: 'main.rs',
  compile: ['rustc', '-O', '--edition', '2021', '-o', 'main', '$OPTIONS', 'main.rs'],
  run: ['./main', '$ARGS'],
  version: ['rustc', '--version'],
  defaultLimits: BASE_LIMITS,
};
