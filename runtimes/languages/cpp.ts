import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';

export const cpp: LanguageDefinition = {
  id: 'cpp',
  name: 'C++ (GCC)',
  packages: ['g++', 'libc6-dev'],
  sourceFile: 'main.cpp',
  compile: ['g++', '-O2', '-std=gnu++17', '-pipe', '-o', 'main', '$OPTIONS', 'main.cpp'],
  run: ['./main', '$ARGS'],
  version: ['g++', '--version'],
  defaultLimits: BASE_LIMITS,
};
