import type { LanguageDefinition } from '../language';
import { allow } from '../compiler-options';
import { BASE_LIMITS } from './defaults';
import { JVM_FLAGS } from './jvm-flags';
import { archiveStep, archivedCommand, type ArchivedJvmProgram } from './jvm-archive';
import { classpathOf, mavenJar } from './maven-jar';

/** Where the compiler's jars land; nothing else is there. */
const LIB = '/usr/local/lib/scala';

/** What a Scala 3 program needs at run time: Scala 3's library on Scala 2.13's. */
const LIBRARY = [
  mavenJar(
    LIB,
    'org.scala-lang:scala3-library_3:3.3.7',
    'sha512-KE0XaoImdj3i8GUakRY6IxqGGIFgNyaR0SF5O+8ohnhtt6RkQgKop3FPDChiT2/nhNqZpyMBG0TI77ZOQWCi4w==',
  ),
  mavenJar(
    LIB,
    'org.scala-lang:scala-library:2.13.16',
    'sha512-MQVOQXAL3DwlRgg9bbrCxOe7aTZ016vtHtcqDVUbrktCONP6LahHLVrztefWNjJta53A2DV2MP+518akNP24lA==',
  ),
];

/**
 * Scala 3.3 (the long-term-support line) from Maven Central: scala3-compiler_3 and the jars its
 * POM needs to compile (not the REPL's terminal libraries). Debian bookworm's Scala is 2.11.
 */
const COMPILER = [
  mavenJar(
    LIB,
    'org.scala-lang:scala3-compiler_3:3.3.7',
    'sha512-sSb8g1YaZBiDw7iaKF8JT7eYPzLMj6CHNNmju6UaFSwGyXtJyIpDb8z/yGnl9FINeTw8vCIoFHBKi30bvzDe7Q==',
  ),
  mavenJar(
    LIB,
    'org.scala-lang:scala3-interfaces:3.3.7',
    'sha512-bmeXclCW7bemWfBF1C9siDGF9So80rrIdQBSlwbrwSR/AEjxFVL2JdEaoUEy16v9n5oVwciaj2WSKmAO9btkxg==',
  ),
  mavenJar(
    LIB,
    'org.scala-lang:tasty-core_3:3.3.7',
    'sha512-bjCrD2k1yexw4GhvS/9LCeK/kwewkkiIeFPSeXX83mXlXLQadm8zVIZKTUlHarlb521s6eSnnA3nVzh1Z4ZcnQ==',
  ),
  mavenJar(
    LIB,
    'org.scala-lang.modules:scala-asm:9.8.0-scala-1',
    'sha512-5CF5BmRWlaDxNrnUY8bdwXszfhEHPj4NYqH28ADUoF9eZaE9w6IBkcJ7tSgXyNyVPxAvp1PYVowt0Y1r791xNg==',
  ),
  mavenJar(
    LIB,
    'org.scala-sbt:compiler-interface:1.10.7',
    'sha512-b+/htae0P96x5s8MZ0pYCIxXF09abHl7Qer7a4R6DS5ZnX6HbgGE3sotRk9WfDDAgCrNMwPAkry+zPsuy70TXg==',
  ),
  mavenJar(
    LIB,
    'org.scala-sbt:util-interface:1.10.7',
    'sha512-yHADLVkSnve0dbkxX4S+U2GGyxAQ6sGsFvrgtjhmwEIB66GniTe5hGb2xJVtFF7gEkq4axBKMxLA2m0eMrewHw==',
  ),
  ...LIBRARY,
];

/**
 * The compiler's main class on plain java with the sandbox's JVM flags; the program compiles
 * against the library only, not the compiler's own classes. No colours: the message is read
 * as text.
 */
const SCALAC: ArchivedJvmProgram = {
  java: ['java', ...JVM_FLAGS, '-cp', classpathOf(COMPILER), 'dotty.tools.dotc.Main'],
  args: ['-color:never', '-classpath', classpathOf(LIBRARY), '-d', '.'],
  archive: '/usr/local/lib/sandflow/scalac.jsa',
};

export const scala: LanguageDefinition = {
  id: 'scala@3',
  family: 'scala',
  name: 'Scala',
  packages: ['openjdk-17-jre-headless'],
  archives: COMPILER,
  dockerfile: [
    archiveStep(SCALAC, {
      file: 'main.scala',
      source: 'object Main { def main(args: Array[String]): Unit = println(args.map(_.length).sum) }',
    }),
  ],
  sourceFile: 'main.scala',
  extensions: ['.scala', '.sc'],
  compile: archivedCommand(SCALAC, '$OPTIONS', 'main.scala'),
  // No -classpath, -d, -Xplugin, -Xpluginsdir, -P, -Xprint-types-to, @argfile: they read or
  // write where the caller says, or load code.
  compilerOptions: [
    allow(
      '-deprecation, -feature, -unchecked, -explain, -Werror, -nowarn',
      '-deprecation|-feature|-unchecked|-explain|-Werror|-nowarn',
    ),
    allow('-source:<3.0..3.3 | future | 3.0-migration>', '-source:(?:3\\.[0-3](?:-migration)?|future(?:-migration)?)'),
    allow('-new-syntax, -old-syntax, -indent, -no-indent', '-new-syntax|-old-syntax|-indent|-no-indent'),
  ],
  // The entry point is `object Main` with `def main(args: Array[String])`, as judges expect.
  artifacts: ['*.class'],
  run: ['java', ...JVM_FLAGS, '-cp', `.:${classpathOf(LIBRARY)}`, 'Main', '$ARGS'],
  version: ['sh', '-c', `${SCALAC.java.join(' ')} -version 2>&1 | sed -n 's/ -- Copyright.*//p'`],
  // As Java: the JVM's 14 threads and ~35 MB before the program allocates anything.
  defaultLimits: { ...BASE_LIMITS, memoryMb: 512, processes: 64 },
};
