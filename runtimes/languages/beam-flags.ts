/**
 * BEAM emulator flags (Erlang, Elixir), read by `erl` from ERL_FLAGS: one scheduler and one
 * dirty CPU scheduler to match the sandbox's one CPU (the default follows the host's cores,
 * and every scheduler is a thread the process limit counts), one dirty I/O scheduler instead
 * of ten, no scheduler busy-waiting (CPU the program would be charged for), no crash dump.
 */
export const BEAM_FLAGS = '+S 1:1 +SDcpu 1:1 +SDio 1 +A 1 +sbwt none +sbwtdcpu none +sbwtdio none';
