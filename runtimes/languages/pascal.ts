import type { LanguageDefinition } from '../language';
import { allow } from '../compiler-options';
import { BASE_LIMITS } from './defaults';

export const pascal: LanguageDefinition = {
  id: 'pascal',
  name: 'Pascal (Free Pascal)',
  // fp-compiler, not fpc: the fpc meta package pulls in the text-mode IDE and every unit package.
  packages: ['fp-compiler', 'fp-units-rtl'],
  sourceFile: 'main.pas',
  extensions: ['.pas', '.pp', '.dpr'],
  compile: ['fpc', '-O2', '-v0ew', '-omain', '$OPTIONS', 'main.pas'],
  // No -Fu/-Fi/-Fl (search paths), -k (linker options), -FD/-XP (tool paths), @file (a config file): they load or run what the caller names.
  compilerOptions: [
    allow('-O-, -O1..-O4', '-O[-1-4]'),
    allow('-M<mode: fpc, objfpc, delphi, tp, macpas, iso>', '-M(?:fpc|objfpc|delphi|tp|macpas|iso)'),
    allow('-C{i,o,r,t}[-] (I/O, overflow, range, stack checks), -Sa (assertions), -g', '-C[iort]-?|-Sa|-g'),
    allow('-d<NAME>', '-d[A-Za-z_][A-Za-z0-9_]*'),
  ],
  artifacts: ['main'],
  run: ['./main', '$ARGS'],
  version: ['fpc', '-l'],
  defaultLimits: BASE_LIMITS,
};
