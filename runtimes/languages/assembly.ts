import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';

export const assembly: LanguageDefinition = {
  id: 'assembly',
  name: 'Assembly (NASM, x86-64 Linux)',
  packages: ['nasm', 'binutils'],
  sourceFile: 'main.asm',
  extensions: ['.asm', '.s'],
  // Two tools, so a shell; no libc: the program makes its own system calls from _start.
  // No compiler options (an empty allowlist): nasm's -P/-i would read files the caller names.
  compile: ['sh', '-c', 'nasm -f elf64 -o main.o main.asm && ld -o main main.o'],
  compilerOptions: [],
  artifacts: ['main'],
  run: ['./main', '$ARGS'],
  version: ['nasm', '-v'],
  defaultLimits: BASE_LIMITS,
};
