import type { LanguageDefinition } from '../language';
import { allow } from '../compiler-options';
import { BASE_LIMITS } from './defaults';
import { BEAM_FLAGS } from './beam-flags';

export const erlang: LanguageDefinition = {
  id: 'erlang',
  name: 'Erlang',
  packages: ['erlang-base'],
  sourceFile: 'main.erl',
  extensions: ['.erl'],
  // A program without a `-module` line is escript-style: main/1 takes the arguments. It gets a
  // module header that calls main/1 from main/0, and `-file` keeps the compiler's line numbers
  // those of the program as written; an escript's `#!` line becomes blank for the same reason.
  compile: [
    'sh',
    '-c',
    `if grep -q '^[[:space:]]*-module[[:space:]]*(' main.erl; then exec erlc "$@" main.erl; fi; ` +
      `mkdir -p .escript && { printf '%s\\n' '-module(main).' '-export([main/0]).' 'main() -> main(init:get_plain_arguments()).' '-file("main.erl", 0).'; ` +
      `sed '1s/^#!.*//' main.erl; } > .escript/main.erl && exec erlc "$@" .escript/main.erl`,
    'erlc',
    '$OPTIONS',
  ],
  // No -I, -pa/-pz (load paths), +'{parse_transform,...}' (runs a module at compile time), -o.
  compilerOptions: [allow('-W0..-W2, -Werror, +debug_info', '-W[0-2]?|-Werror|\\+debug_info')],
  artifacts: ['main.beam'],
  // The program is module `main` exporting main/0 (escript-style ones get it at compile); arguments come from init:get_plain_arguments().
  run: ['erl', '-noshell', '-s', 'main', 'main', '-s', 'init', 'stop', '-extra', '$ARGS'],
  version: [
    'erl',
    '-noshell',
    '-eval',
    'io:format("Erlang/OTP ~s (erts ~s)~n", [erlang:system_info(otp_release), erlang:system_info(version)]), halt().',
  ],
  env: { ERL_FLAGS: BEAM_FLAGS, ERL_CRASH_DUMP_SECONDS: '0' },
  // The BEAM starts with ~10 threads even with one scheduler.
  defaultLimits: { ...BASE_LIMITS, memoryMb: 512, processes: 64 },
};
