import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';
import { JVM_FLAGS } from './jvm-flags';

/** Clojure's jar and the spec jars it loads at start-up, as Debian installs them. */
const CLASSPATH = '/usr/share/java/clojure.jar:/usr/share/java/spec-alpha.jar:/usr/share/java/core-specs-alpha.jar';

export const clojure: LanguageDefinition = {
  id: 'clojure',
  name: 'Clojure',
  packages: ['clojure'],
  sourceFile: 'main.clj',
  extensions: ['.clj'],
  // java directly rather than Debian's clojure wrapper, so the JVM gets the sandbox's flags.
  run: ['java', ...JVM_FLAGS, '-cp', CLASSPATH, 'clojure.main', 'main.clj', '$ARGS'],
  version: ['java', '-cp', CLASSPATH, 'clojure.main', '-e', '(println "Clojure" (clojure-version))'],
  // The JVM runs 14 threads before the program starts; loading clojure.core costs ~0.5 s of CPU.
  defaultLimits: { ...BASE_LIMITS, cpuTimeMs: 4000, wallTimeMs: 10000, memoryMb: 512, processes: 64 },
};
