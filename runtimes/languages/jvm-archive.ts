/** A program on the JVM (a compiler, a language's runner) started from a class-data archive of its own classes. */
export interface ArchivedJvmProgram {
  /** `java`, its flags, classpath and the program's main class. */
  readonly java: readonly string[];
  /** The program's fixed arguments, before whatever the caller adds. */
  readonly args: readonly string[];
  /** Where the image keeps the class-data archive. */
  readonly archive: string;
}

/**
 * The Dockerfile step that runs a small program once with `-XX:ArchiveClassesAtExit`, so that
 * every later start maps the classes it loaded from the archive instead of loading and
 * verifying them again: about a third to a half of the start-up's CPU.
 */
export function archiveStep(program: ArchivedJvmProgram, warmUp: { file: string; source: string }): string {
  const [java = 'java', ...rest] = program.java;
  return (
    `RUN mkdir -p ${program.archive.replace(/\/[^/]+$/, '')} /tmp/warm && cd /tmp/warm && ` +
    `printf '%s\\n' '${warmUp.source}' > ${warmUp.file} && ` +
    `${java} -XX:ArchiveClassesAtExit=${program.archive} ${[...rest, ...program.args].join(' ')} ${warmUp.file} < /dev/null && ` +
    `cd / && rm -rf /tmp/warm && test -s ${program.archive}`
  );
}

/** The program's argv started from its archive, `tail` after its fixed arguments. */
export function archivedCommand(program: ArchivedJvmProgram, ...tail: string[]): string[] {
  const [java = 'java', ...rest] = program.java;
  return [java, `-XX:SharedArchiveFile=${program.archive}`, ...rest, ...program.args, ...tail];
}
