import type { LanguageDefinition } from '../language';
import { allow } from '../compiler-options';
import { BASE_LIMITS } from './defaults';
import { JVM_FLAGS } from './jvm-flags';

const JAVAC_FLAGS = JVM_FLAGS.map((f) => `-J${f}`);

/** Class-data archive of javac's own classes, dumped at image build: javac starts ~40% faster. */
const JAVAC_ARCHIVE = '/usr/local/lib/sandflow/javac.jsa';

/** A Java release number as javac's -source/--release take it: 8..17, or 1.5..1.8. */
const JAVA_VERSION = '[1-9][0-9]?|1\\.[5-8]';

export const java: LanguageDefinition = {
  id: 'java',
  name: 'Java (OpenJDK)',
  packages: ['openjdk-17-jdk-headless'],
  dockerfile: [
    `RUN mkdir -p /usr/local/lib/sandflow /tmp/warm && cd /tmp/warm && ` +
      `printf '%s\\n' 'public class Main { public static void main(String[] a) { System.out.println(java.util.List.of(a.length)); } }' > Main.java && ` +
      `javac ${JAVAC_FLAGS.join(' ')} -J-XX:ArchiveClassesAtExit=${JAVAC_ARCHIVE} Main.java && ` +
      `cd / && rm -rf /tmp/warm && test -s ${JAVAC_ARCHIVE}`,
  ],
  sourceFile: 'Main.java',
  extensions: ['.java'],
  compile: ['javac', ...JAVAC_FLAGS, `-J-XX:SharedArchiveFile=${JAVAC_ARCHIVE}`, '-encoding', 'UTF-8', '$OPTIONS', 'Main.java'],
  // No -J (JVM options: -J-XX:VMOptionsFile= reads a file), -processorpath, -processor,
  // -Xplugin, -A, -cp/-classpath, -d: they load or write code where the caller says.
  compilerOptions: [
    allow('-g, -g:none, -g:{source,lines,vars}', '-g|-g:none|-g:(?:source|lines|vars)(?:,(?:source|lines|vars))*'),
    allow('-Xlint, -Xlint:<keys, e.g. all,-serial>', '-Xlint|-Xlint:-?[a-z]+(?:,-?[a-z]+)*'),
    allow(
      '-nowarn, -deprecation, -Werror, -parameters, -Xdiags:compact|verbose',
      '-nowarn|-deprecation|-Werror|-parameters|-Xdiags:(?:compact|verbose)',
    ),
    allow('--release=<N>, --source=<N>, --target=<N>', `--(?:release|source|target)=${JAVA_VERSION}`),
    allow('--release <N>, -source <N>, -target <N> (also --source, --target)', '--release|--?source|--?target', JAVA_VERSION),
  ],
  artifacts: ['*.class'],
  run: ['java', ...JVM_FLAGS, 'Main', '$ARGS'],
  version: ['java', '-version'],
  // The JVM alone runs 14 threads and ~35 MB before the program allocates anything; the
  // heap gets 70% of the memory limit (358 MB of 512).
  defaultLimits: { ...BASE_LIMITS, memoryMb: 512, processes: 64 },
};
