import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';
import { archiveStep, archivedCommand, type ArchivedJvmProgram } from './jvm-archive';
import { JVM_FLAGS } from './jvm-flags';

/** Clojure's jar and the spec jars it loads at start-up, as Debian installs them. */
const CLASSPATH = '/usr/share/java/clojure.jar:/usr/share/java/spec-alpha.jar:/usr/share/java/core-specs-alpha.jar';

/**
 * java directly rather than Debian's clojure wrapper, so the JVM gets the sandbox's flags;
 * started from an archive of clojure.core's classes, which a run otherwise loads and verifies
 * anew.
 */
const CLOJURE: ArchivedJvmProgram = {
  java: ['java', ...JVM_FLAGS, '-cp', CLASSPATH, 'clojure.main'],
  args: [],
  archive: '/usr/local/lib/sandflow/clojure.jsa',
};

export const clojure: LanguageDefinition = {
  id: 'clojure',
  name: 'Clojure',
  packages: ['clojure'],
  dockerfile: [
    archiveStep(CLOJURE, {
      file: 'main.clj',
      source: '(println (reduce + (map #(Long/parseLong %) (clojure.string/split "1 2" #" "))) (read-line))',
    }),
  ],
  sourceFile: 'main.clj',
  extensions: ['.clj'],
  run: archivedCommand(CLOJURE, 'main.clj', '$ARGS'),
  version: ['java', '-cp', CLASSPATH, 'clojure.main', '-e', '(println "Clojure" (clojure-version))'],
  // The JVM runs 14 threads before the program starts; loading clojure.core from the archive
  // costs ~0.45 s of CPU under runc, ~1.6 s under gVisor.
  defaultLimits: { ...BASE_LIMITS, cpuTimeMs: 4000, wallTimeMs: 10000, memoryMb: 512, processes: 64 },
};
