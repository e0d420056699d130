import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';

/**
 * JVM flags for compile and run. The JVM's start-up is part of the program's time, so:
 * the serial collector (no GC threads to start, smallest footprint), C1 only (no C2
 * warm-up burning CPU on a short program), and a heap sized from the container's
 * memory limit rather than the JVM's default quarter of it.
 */
const JVM_FLAGS = ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-XX:MaxRAMPercentage=70'];

export const java: LanguageDefinition = {
  id: 'java',
  name: 'Java (OpenJDK)',
  packages: ['openjdk-17-jdk-headless'],
  sourceFile: 'Main.java',
  compile: ['javac', ...JVM_FLAGS.map((f) => `-J${f}`), '-encoding', 'UTF-8', '$OPTIONS', 'Main.java'],
  // -Xss: the launcher runs main() on a thread of this stack size, so deep recursion works.
  run: ['java', ...JVM_FLAGS, '-Xss64m', 'Main', '$ARGS'],
  version: ['java', '-version'],
  defaultLimits: { ...BASE_LIMITS, memoryMb: 512, processes: 64 },
};
