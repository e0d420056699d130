/**
 * JVM flags for every language on the JVM, compilers included. Start-up is part of the
 * program's time (and under gVisor costs about five times as much CPU), so:
 * - the serial collector: no GC threads to start, the smallest footprint;
 * - C1 only, on one compiler thread: no C2 warm-up burning CPU on a short program, and a long
 *   computation measured no slower for it (5.0 s of CPU against 5.2 s with the default threads);
 * - no perf-data file: a memory-mapped file in /tmp nobody reads; about 15% of start-up under gVisor;
 * - a heap sized from the container's memory limit rather than a quarter of it;
 * - a 64 MB stack for the thread the launcher runs main() on, so deep recursion works.
 */
export const JVM_FLAGS: readonly string[] = [
  '-XX:+UseSerialGC',
  '-XX:TieredStopAtLevel=1',
  '-XX:CICompilerCount=1',
  '-XX:-UsePerfData',
  '-XX:MaxRAMPercentage=70',
  '-Xss64m',
];
