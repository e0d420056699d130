import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';
import { BEAM_FLAGS } from './beam-flags';

export const elixir: LanguageDefinition = {
  id: 'elixir',
  name: 'Elixir',
  packages: ['elixir'],
  sourceFile: 'main.exs',
  extensions: ['.exs', '.ex'],
  run: ['elixir', 'main.exs', '$ARGS'],
  // `elixir --version` starts with the Erlang/OTP banner.
  version: ['elixir', '-e', 'IO.puts("Elixir " <> System.version())'],
  env: { ERL_FLAGS: BEAM_FLAGS, ERL_CRASH_DUMP_SECONDS: '0' },
  // The BEAM starts with ~10 threads even with one scheduler and maps ~100 MB; loading Elixir costs ~0.3 s of CPU.
  defaultLimits: { ...BASE_LIMITS, cpuTimeMs: 3000, wallTimeMs: 8000, memoryMb: 512, processes: 64 },
};
