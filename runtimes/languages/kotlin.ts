import type { LanguageDefinition } from '../language';
import { allow } from '../compiler-options';
import { BASE_LIMITS } from './defaults';
import { JVM_FLAGS } from './jvm-flags';
import { archiveStep, archivedCommand, type ArchivedJvmProgram } from './jvm-archive';
import { classpathOf, mavenJar } from './maven-jar';

/** Where the compiler's jars land; nothing else is there. */
const LIB = '/usr/local/lib/kotlin';

/** What a Kotlin program needs at run time besides the JVM. */
const STDLIB_JAR = mavenJar(
  LIB,
  'org.jetbrains.kotlin:kotlin-stdlib:2.4.21',
  'sha512-3bS9Qpoz16AH9xwPguQgurMU7oY2ffG9nCOZzMIqLS+CC48JNPs5z8ZHfR0jxo4+3aPHYT/jqgtiNy5O6X+FtQ==',
);

/**
 * Kotlin 2.4 from Maven Central: kotlin-compiler-embeddable and what its POM depends on. Debian
 * bookworm has no Kotlin compiler at all.
 */
const JARS = [
  mavenJar(
    LIB,
    'org.jetbrains.kotlin:kotlin-compiler-embeddable:2.4.21',
    'sha512-/gZgtPSR7A8WADb/934+oggLwbTQ5+Ol8eGTEH2otYp4TUZYyNv2OEzOq/U/VBxa5aU2mpl3M2PmbCboDiN7/Q==',
  ),
  STDLIB_JAR,
  mavenJar(
    LIB,
    'org.jetbrains.kotlin:kotlin-script-runtime:2.4.21',
    'sha512-kR1CcN8+aAOT9qUIZBMJF4r8dBp+cfb3qMh/LwuBM7qYymlpulj73kMa7eK6OkBJ2JWpWybMx2WJU0gCSeXkyA==',
  ),
  mavenJar(
    LIB,
    'org.jetbrains.kotlin:kotlin-reflect:1.6.10',
    'sha512-soOS8RTcBJvEWCxb27W2DXQ1hmjvslV5wu1ax0nevaidx0Jq7R9/VItfEh998ifJ03tKpJsxWgd5r9WEfReHLQ==',
  ),
  mavenJar(
    LIB,
    'org.jetbrains.kotlin:kotlin-daemon-embeddable:2.4.21',
    'sha512-IYO6m33Zn9qM9F8g2f8uFbkwTkj+CvePdXWh5GYcahq1I1uWaxRtXWHE2NdpYuLaiSIB6zcTNnX6H/n0IMHUfQ==',
  ),
  mavenJar(
    LIB,
    'org.jetbrains.kotlin:kotlin-build-tools-api:2.4.21',
    'sha512-zpBGTvp8UfWxMHSrDjSA5AFdxuw5pHATtHoT2wl9XMCT0jc7gjIzszTjLtvhYQQ8ZckA36btIZvT3xo4BQm+Vw==',
  ),
  mavenJar(
    LIB,
    'org.jetbrains.kotlinx:kotlinx-coroutines-core-jvm:1.8.0',
    'sha512-CBOR3MC2bk9xQBoGhMjw/g+hDxlcpeUCCEGbT2EQ2bD5AlCkOVARTXXHlFW50wSvrcBpuYxbyGr6dwHdrtUa8Q==',
  ),
  mavenJar(
    LIB,
    'org.jetbrains:annotations:13.0',
    'sha512-ViLQ/+QQ5ycuK7n64QBsrt64bQxi0tnzkpo7PNze8ZYyGPzwzt6C6V759No+1KFz+gVe5uQDiIY3YYHgQj4C/w==',
  ),
];
const COMPILER_CLASSPATH = classpathOf(JARS);
const STDLIB = classpathOf([STDLIB_JAR]);

/**
 * The compiler's own main class on plain java: no kotlinc script, no daemon, the sandbox's JVM
 * flags. The standard library is given explicitly (there is no Kotlin home).
 */
const KOTLINC: ArchivedJvmProgram = {
  java: ['java', ...JVM_FLAGS, '-cp', COMPILER_CLASSPATH, 'org.jetbrains.kotlin.cli.jvm.K2JVMCompiler'],
  args: ['-no-stdlib', '-no-reflect', '-cp', STDLIB, '-d', '.'],
  archive: '/usr/local/lib/sandflow/kotlinc.jsa',
};

export const kotlin: LanguageDefinition = {
  id: 'kotlin@2',
  family: 'kotlin',
  name: 'Kotlin',
  // Kotlin 2.4 targets Java 8 bytecode by default and runs on Debian's Java 17.
  packages: ['openjdk-17-jre-headless'],
  archives: JARS,
  dockerfile: [
    archiveStep(KOTLINC, {
      file: 'main.kt',
      source: 'fun main() { println(readlnOrNull()?.split(" ")?.map { it.toLong() }?.sum()) }',
    }),
  ],
  sourceFile: 'main.kt',
  extensions: ['.kt'],
  compile: archivedCommand(KOTLINC, '$OPTIONS', 'main.kt'),
  // No -cp/-classpath, -d, -kotlin-home, -Xplugin, -P, -script, -Xbuild-file: they read or write
  // where the caller says, or load code.
  compilerOptions: [
    allow('-Werror, -nowarn, -progressive, -verbose', '-Werror|-nowarn|-progressive|-verbose'),
    allow('-language-version <2.0..2.4>, -api-version <2.0..2.4>', '-language-version|-api-version', '2\\.[0-4]'),
    allow('-jvm-target <1.8|9..17>', '-jvm-target', '1\\.8|9|1[0-7]'),
  ],
  // Top-level functions of main.kt compile to MainKt.
  artifacts: ['*.class'],
  run: ['java', ...JVM_FLAGS, '-cp', `.:${STDLIB}`, 'MainKt', '$ARGS'],
  // kotlinc prints `info: kotlinc-jvm 2.4.21 (JRE …)`: the version without the log prefix.
  version: ['sh', '-c', `${KOTLINC.java.join(' ')} -version 2>&1 | sed -n 's/^info: //p'`],
  // As Java: the JVM's 14 threads and ~35 MB before the program allocates anything.
  defaultLimits: { ...BASE_LIMITS, memoryMb: 512, processes: 64 },
};
