import type { Limits } from '../common/limits';
import type { CompilerOptionAllowlist } from './compiler-options';
import type { RegistryArchive } from './registry-archive';

/**
 * One language sandflow can run, described as data. The image recipe, the commands and
 * the default limits live here; nothing else in the code base names a language.
 */
export interface LanguageDefinition {
  /**
   * Public id, as in the API's `Language.id` (e.g. `python`, `cpp`). A language offered in
   * several versions side by side gives each its own definition with the id `<family>@<version>`
   * (e.g. `go@1.27`, `go@1.19`); runtimes/language-ids.ts resolves the plain family id.
   */
  readonly id: string;
  /**
   * The plain id this definition is one version of (`go` for `go@1.19`); absent when the id
   * is the family. The first listed version of a family is the deployment's default: the plain
   * id names it.
   */
  readonly family?: string;
  /** Human name shown by the `languages` query. */
  readonly name: string;
  /** Debian bookworm packages installed into the runtime image (may be empty when `archives` bring the toolchain). */
  readonly packages: readonly string[];
  /**
   * Toolchains from a package registry (npm, the Go module proxy), pinned by hash and unpacked
   * into the image before `dockerfile` runs; for versions Debian bookworm does not have.
   */
  readonly archives?: readonly RegistryArchive[];
  /**
   * Extra Dockerfile instructions run after the packages are installed, e.g. to warm a compiler
   * cache. They run as root at build time with the network of the build; like everything in the
   * recipe they are part of the image's tag hash (runtimes/images.ts).
   */
  readonly dockerfile?: readonly string[];
  /** File name the submitted source is written to, relative to the working directory. */
  readonly sourceFile: string;
  /**
   * File name extensions of source files in this language, lower case with the dot, the usual
   * one first (e.g. `.py`); clients such as the CLI pick a language from a file's name with them.
   */
  readonly extensions: readonly string[];
  /**
   * Compiler argv, run in the working directory. The token `$OPTIONS` is replaced by the
   * caller's compilerOptions (removed when there are none).
   */
  readonly compile?: readonly string[];
  /**
   * The caller's compilerOptions this language accepts (runtimes/compiler-options.ts); absent
   * or empty, none. Every argv element must match a rule whole. An option that takes a value
   * is listed in the form its compiler accepts: joined (`-std=c17`, `--release=17`) where the
   * compiler allows it, or as a pair whose second element the rule checks (`--target es2020`).
   */
  readonly compilerOptions?: CompilerOptionAllowlist;
  /**
   * What the compile step leaves that the runs need: fnmatch patterns of regular files at the
   * top of the working directory (e.g. `main`, `*.class`). Only these leave the compile sandbox,
   * size-capped; everything else it wrote is wiped with it.
   */
  readonly artifacts?: readonly string[];
  /** Program argv. The token `$ARGS` is replaced by the caller's args (appended when absent). */
  readonly run: readonly string[];
  /**
   * Prints the toolchain's version; its first output line (stdout and stderr together) becomes
   * `Language.version`. Run once, when the image is built, with `env` set.
   */
  readonly version: readonly string[];
  /** Extra environment for compile and run (PATH, HOME=/tmp and LANG are always set). */
  readonly env?: Readonly<Record<string, string>>;
  /** Limits of a run when the caller gives none. */
  readonly defaultLimits: Limits;
  /** Limits of the compile step when they must differ from the deployment's compile defaults. */
  readonly compileLimits?: Partial<Limits>;
}
