import type { LanguageDefinition } from '../language';
import { BASE_LIMITS } from './defaults';
import { JVM_FLAGS } from './jvm-flags';

const GROOVY_HOME = '/usr/share/groovy';
const STARTER_CONF = `${GROOVY_HOME}/conf/groovy-starter.conf`;

/**
 * What Debian's groovy launcher runs, minus the launcher: java with the sandbox's JVM flags,
 * Groovy's starter loading the jars its configuration lists, and the script runner.
 */
const GROOVY = [
  'java',
  ...JVM_FLAGS,
  '-classpath',
  `${GROOVY_HOME}/lib/groovy-2.4.21.jar`,
  `-Dgroovy.home=${GROOVY_HOME}`,
  `-Dgroovy.starter.conf=${STARTER_CONF}`,
  'org.codehaus.groovy.tools.GroovyStarter',
  '--main',
  'groovy.ui.GroovyMain',
  '--conf',
  STARTER_CONF,
];

/**
 * Debian bookworm ships Groovy 2.4.21 (2020), two major versions behind (4.x): no Groovy 3
 * syntax (Java-style lambdas, `!in`, `?=`), and on Java 17 it warns about illegal reflective access.
 */
export const groovy: LanguageDefinition = {
  id: 'groovy',
  name: 'Groovy',
  packages: ['groovy'],
  sourceFile: 'main.groovy',
  extensions: ['.groovy'],
  run: [...GROOVY, 'main.groovy', '$ARGS'],
  version: [...GROOVY, '--version'],
  // The JVM runs 14 threads before the program starts; Groovy compiles the script in memory, ~0.5 s of CPU.
  defaultLimits: { ...BASE_LIMITS, cpuTimeMs: 4000, wallTimeMs: 10000, memoryMb: 512, processes: 64 },
};
