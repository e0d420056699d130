import type { LanguageDefinition } from '../language';
import { allow, GCC_COMMON } from '../compiler-options';
import { BASE_LIMITS } from './defaults';

export const cpp: LanguageDefinition = {
  id: 'cpp',
  name: 'C++ (GCC)',
  packages: ['g++', 'libc6-dev'],
  sourceFile: 'main.cpp',
  extensions: ['.cpp', '.cc', '.cxx', '.c++'],
  compile: ['g++', '-O2', '-std=gnu++17', '-pipe', '-o', 'main', '$OPTIONS', 'main.cpp'],
  compilerOptions: [
    ...GCC_COMMON,
    allow(
      '-std=<c++98|c++03|c++11|c++14|c++17|c++20|c++23, gnu++ likewise>, -ansi',
      '-std=(?:c|gnu)\\+\\+(?:98|03|11|14|17|20|23|2a|2b)|-ansi',
    ),
    allow('-f[no-]{exceptions, rtti, permissive}', '-f(?:no-)?(?:exceptions|rtti|permissive)'),
  ],
  artifacts: ['main'],
  run: ['./main', '$ARGS'],
  version: ['g++', '--version'],
  defaultLimits: BASE_LIMITS,
};
