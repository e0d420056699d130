/** A compiler that runs on the JVM, started from a class-data archive of its own classes. */
export interface JvmCompiler {
  /** `java`, its flags, classpath and the compiler's main class. */
  readonly java: readonly string[];
  /** The compiler's arguments before the caller's options and the source file. */
  readonly args: readonly string[];
  /** Where the image keeps the class-data archive. */
  readonly archive: string;
}

/**
 * The Dockerfile step that compiles a small program once with `-XX:ArchiveClassesAtExit`, so
 * that every compile starts from the archive of the classes it loaded: about half the start-up.
 */
export function archiveStep(compiler: JvmCompiler, warmUp: { file: string; source: string }): string {
  const [java = 'java', ...rest] = compiler.java;
  return (
    `RUN mkdir -p ${compiler.archive.replace(/\/[^/]+$/, '')} /tmp/warm && cd /tmp/warm && ` +
    `printf '%s\\n' '${warmUp.source}' > ${warmUp.file} && ` +
    `${java} -XX:ArchiveClassesAtExit=${compiler.archive} ${[...rest, ...compiler.args].join(' ')} ${warmUp.file} && ` +
    `cd / && rm -rf /tmp/warm && test -s ${compiler.archive}`
  );
}

/** The compile argv: the compiler from its archive, then `$OPTIONS` and the source file. */
export function compileCommand(compiler: JvmCompiler, sourceFile: string): string[] {
  const [java = 'java', ...rest] = compiler.java;
  return [java, `-XX:SharedArchiveFile=${compiler.archive}`, ...rest, ...compiler.args, '$OPTIONS', sourceFile];
}
