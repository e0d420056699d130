import type { LanguageDefinition } from '../language';
import { allow } from '../compiler-options';
import { BASE_LIMITS } from './defaults';

/** The -C settings a caller may choose: code quality and checks, nothing that names a program or file. */
const RUST_CODEGEN =
  'opt-level=[0-3sz]|debuginfo=[0-2]|(?:overflow-checks|debug-assertions)=(?:yes|no|on|off|y|n|true|false)|target-cpu=[a-z0-9_-]+|panic=(?:abort|unwind)|lto=(?:yes|no|thin|fat|off)';

export const rust: LanguageDefinition = {
  id: 'rust',
  name: 'Rust',
  packages: ['rustc'],
  sourceFile: 'main.rs',
  extensions: ['.rs'],
  // One codegen unit: better code, fewer threads, and on one CPU even a faster compile
  // (hello world 1.3 s instead of 1.65 s).
  compile: ['rustc', '-O', '-C', 'codegen-units=1', '--edition', '2021', '-o', 'main', '$OPTIONS', 'main.rs'],
  // No --edition: the command above sets it, and rustc refuses a second one. No -C linker=,
  // link-arg(s)=, relocation-model=... : only these -C settings, joined (-Copt-level=2) or as a pair.
  compilerOptions: [
    allow('-O, -g', '-O|-g'),
    allow('-C<setting>', `-C(?:${RUST_CODEGEN})`),
    allow(
      '-C <setting>, where <setting> is opt-level=0..3|s|z, debuginfo=0..2, overflow-checks=yes|no, debug-assertions=yes|no, target-cpu=<cpu>, panic=abort|unwind or lto=yes|no|thin|fat',
      '-C',
      RUST_CODEGEN,
    ),
    allow('--cfg=<NAME>', '--cfg=[A-Za-z_][A-Za-z0-9_]*'),
    allow('--cfg <NAME>', '--cfg', '[A-Za-z_][A-Za-z0-9_]*'),
    allow('-A<lint>, -W<lint>, -D<lint> (e.g. -Awarnings)', '-[AWD][a-z][a-z0-9_-]*'),
  ],
  artifacts: ['main'],
  run: ['./main', '$ARGS'],
  version: ['rustc', '--version'],
  defaultLimits: BASE_LIMITS,
};
