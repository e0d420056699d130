/** A problem package that cannot be read: names the file (a path in the package) and what is wrong with it. */
export class PackageError extends Error {
  constructor(
    /** The package path the problem is in, or null when it concerns the package as a whole. */
    readonly file: string | null,
    readonly problem: string,
  ) {
    super(file === null ? `package: ${problem}` : `${file}: ${problem}`);
    this.name = 'PackageError';
  }
}
