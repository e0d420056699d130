import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';
import { archiveStep, archivedCommand, type ArchivedJvmProgram } from './jvm-archive';
import { JVM_FLAGS } from './jvm-flags';

const GROOVY_HOME = '/usr/share/groovy';
const STARTER_CONF = `${GROOVY_HOME}/conf/groovy-starter.conf`;

/**
 * What Debian's groovy launcher runs, minus the launcher: java with the sandbox's JVM flags,
 * Groovy's starter loading the jars its configuration lists, and the script runner; started
 * from an archive of the classes a script's compilation loads (0.50 → 0.43 s of CPU under runc).
 */
const GROOVY: ArchivedJvmProgram = {
  java: [
    'java',
    ...JVM_FLAGS,
    '-classpath',
    `${GROOVY_HOME}/lib/groovy-2.4.21.jar`,
    `-Dgroovy.home=${GROOVY_HOME}`,
    `-Dgroovy.starter.conf=${STARTER_CONF}`,
    'org.codehaus.groovy.tools.GroovyStarter',
  ],
  args: ['--main', 'groovy.ui.GroovyMain', '--conf', STARTER_CONF],
  archive: '/usr/local/lib/sandflow/groovy.jsa',
};

/**
 * Debian bookworm ships Groovy 2.4.21 (2020), two major versions behind (4.x): no Groovy 3
 * syntax (Java-style lambdas, `!in`, `?=`), and on Java 17 it warns about illegal reflective access.
 */
export const groovy: LanguageDefinition = {
  id: 'groovy',
  name: 'Groovy',
  packages: ['groovy'],
  dockerfile: [
    archiveStep(GROOVY, {
      file: 'main.groovy',
      source: 'println([1, 2].collect { it as long }.sum() + (System.in.newReader().readLine() ?: "").size())',
    }),
  ],
  sourceFile: 'main.groovy',
  extensions: ['.groovy'],
  run: archivedCommand(GROOVY, 'main.groovy', '$ARGS'),
  version: [...GROOVY.java, ...GROOVY.args, '--version'],
  // The JVM runs 14 threads before the program starts; Groovy compiles the script in memory, ~0.5 s of CPU.
  defaultLimits: { ...BASE_LIMITS, cpuTimeMs: 4000, wallTimeMs: 10000, memoryMb: 512, processes: 64 },
};
