import { PackageError } from './package-error';

/**
 * Limits on a package being read, checked while reading (not by trusting archive headers).
 * Later from `SANDFLOW_MAX_PACKAGE_FILES` / `SANDFLOW_MAX_PACKAGE_BYTES`.
 */
export interface PackageLimitOptions {
  /** Most entries (files, directories, links) in the package. Default 10 000. */
  maxFiles?: number;
  /** Most bytes of content once inflated, over all entries read. Default 2 GiB. */
  maxBytes?: number;
  /**
   * Most inflated bytes per compressed byte read, over the archive so far (a zip bomb inflates
   * ~1000:1). Enforced once more than {@link compressionRatioGraceBytes} are inflated, so small,
   * very regular test files pass. Default 200.
   */
  maxCompressionRatio?: number;
  /** Inflated bytes allowed before {@link maxCompressionRatio} applies. Default 64 MiB. */
  compressionRatioGraceBytes?: number;
}

export const DEFAULT_PACKAGE_LIMITS: Required<PackageLimitOptions> = {
  maxFiles: 10_000,
  maxBytes: 2 * 1024 ** 3,
  maxCompressionRatio: 200,
  compressionRatioGraceBytes: 64 * 1024 ** 2,
};

/** Counts entries and bytes of one package read against its limits; throws {@link PackageError} past one. */
export class PackageBudget {
  private readonly limits: Required<PackageLimitOptions>;
  private entries = 0;
  private inflatedBytes = 0;
  private compressedBytes = 0;

  constructor(
    options: PackageLimitOptions,
    /** Whether the source is compressed (an archive); a directory has no ratio to check. */
    private readonly compressed: boolean,
    /** The archive's size when known: compressed bytes counted from headers never exceed it (overlapping entries). */
    private readonly archiveBytes = Infinity,
  ) {
    this.limits = { ...DEFAULT_PACKAGE_LIMITS, ...definedOnly(options) };
  }

  get maxFiles(): number {
    return this.limits.maxFiles;
  }

  get maxBytes(): number {
    return this.limits.maxBytes;
  }

  /** One more entry, named `path`. */
  entry(path: string): void {
    this.entries += 1;
    if (this.entries > this.limits.maxFiles) {
      throw new PackageError(path, `the package has more than ${this.limits.maxFiles} files (the limit)`);
    }
  }

  /** Compressed bytes consumed from the archive. */
  consumed(bytes: number): void {
    this.compressedBytes = Math.min(this.compressedBytes + bytes, this.archiveBytes);
  }

  /** Inflated content bytes produced, while reading `path`. */
  inflated(bytes: number, path: string): void {
    this.inflatedBytes += bytes;
    if (this.inflatedBytes > this.limits.maxBytes) {
      throw new PackageError(path, `the package holds more than ${this.limits.maxBytes} bytes uncompressed (the limit)`);
    }
    if (
      this.compressed &&
      this.inflatedBytes > this.limits.compressionRatioGraceBytes &&
      this.inflatedBytes > this.compressedBytes * this.limits.maxCompressionRatio
    ) {
      throw new PackageError(
        path,
        `the package inflates more than ${this.limits.maxCompressionRatio}:1 (${this.inflatedBytes} bytes from ${this.compressedBytes}): refused as a zip bomb`,
      );
    }
  }
}

function definedOnly(options: PackageLimitOptions): PackageLimitOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
