/** What an entry of a package is; anything but files, directories and symlinks is refused. */
export type PackageEntryKind = 'file' | 'directory' | 'symlink' | 'hardlink' | 'special';

/** One entry of a package as its source (zip, tar.gz, directory) lists it, in the source's order. */
export interface PackageEntry {
  /** The validated package path (see `packagePath`), before any top-level directory is stripped. */
  path: string;
  kind: PackageEntryKind;
  /** For `special`: what it is (`character device`, `fifo`, ...), for the error. */
  special?: string;
  /** For `symlink` and `hardlink`: the raw target. */
  linkTarget?: string;
  /**
   * The content of a file, counted against the package's limits as it streams. Valid only until the
   * next entry is requested; an entry whose content is not read is skipped (for a tar, drained).
   */
  content(): AsyncIterable<Uint8Array>;
}
