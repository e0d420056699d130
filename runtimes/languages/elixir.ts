import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';
import { BEAM_FLAGS } from './beam-flags';

/** Elixir's applications, as Debian installs them. */
const LIB = '/usr/lib/elixir/lib';

/**
 * What Debian's `elixir` script runs, without the script, and with elixir and logger searched
 * before OTP's directories but EEx, ExUnit, IEx and Mix after them: the BEAM looks a module up
 * directory by directory, and a script loads hundreds of OTP modules. A sum costs 1.2 s of CPU
 * instead of 1.6 s under gVisor (0.26 s instead of 0.29 s under runc).
 */
const ELIXIR = [
  'erl',
  '-pa',
  `${LIB}/elixir/ebin`,
  `${LIB}/logger/ebin`,
  '-pz',
  `${LIB}/eex/ebin`,
  `${LIB}/ex_unit/ebin`,
  `${LIB}/iex/ebin`,
  `${LIB}/mix/ebin`,
  '-noshell',
  '-s',
  'elixir',
  'start_cli',
  '-extra',
];

export const elixir: LanguageDefinition = {
  id: 'elixir',
  name: 'Elixir',
  packages: ['elixir'],
  sourceFile: 'main.exs',
  extensions: ['.exs', '.ex'],
  run: [...ELIXIR, 'main.exs', '$ARGS'],
  // `elixir --version` starts with the Erlang/OTP banner.
  version: ['elixir', '-e', 'IO.puts("Elixir " <> System.version())'],
  env: { ERL_FLAGS: BEAM_FLAGS, ERL_CRASH_DUMP_SECONDS: '0' },
  // The BEAM starts with ~10 threads even with one scheduler and maps ~100 MB; loading Elixir costs ~0.25 s of CPU (~1.2 s under gVisor).
  defaultLimits: { ...BASE_LIMITS, cpuTimeMs: 3000, wallTimeMs: 8000, memoryMb: 512, processes: 64 },
};
