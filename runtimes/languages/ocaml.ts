import type { LanguageDefinition } from '../language';
import { allow } from '../compiler-options';
import { BASE_LIMITS } from './defaults';

export const ocaml: LanguageDefinition = {
  id: 'ocaml',
  name: 'OCaml',
  // ocamlopt assembles and links through gcc; libc6-dev is only recommended.
  packages: ['ocaml-nox', 'gcc', 'libc6-dev'],
  sourceFile: 'main.ml',
  extensions: ['.ml'],
  compile: ['ocamlopt', '-o', 'main', '$OPTIONS', 'main.ml'],
  // No -pp/-ppx (run a preprocessor), -I, -cclib/-ccopt (linker arguments), -plugin.
  compilerOptions: [
    allow(
      '-unsafe, -g, -noassert, -rectypes, -principal, -strict-sequence',
      '-unsafe|-g|-noassert|-rectypes|-principal|-strict-sequence',
    ),
  ],
  artifacts: ['main'],
  run: ['./main', '$ARGS'],
  version: ['ocaml', '-version'],
  defaultLimits: BASE_LIMITS,
};
