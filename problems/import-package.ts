import fs from 'node:fs/promises';
import type { Limits } from '../common/limits';
import type { ProblemStore } from '../db/problem-store';
import type { ProblemVersionRecord } from '../db/problem-version-entity';
import type { BlobStore } from '../storage/blob-store';
import { PackageError } from './package/package-error';
import type { PackageLimitOptions } from './package/package-limits';
import { readProblemPackage } from './package/read-package';
import { spoolUpload } from './package/spool-upload';
import { checkComparison } from './problem-comparison';
import { checkProblemLimits } from './problem-limits';
import { countCases } from './judging-plan';
import type { ProblemPackage } from './problem-model';

/** Options of {@link importProblemPackage}. */
export interface ImportPackageOptions {
  /** Where test data goes. */
  store: BlobStore;
  problems: ProblemStore;
  /** A directory for the spooled upload (deleted after reading). */
  spoolDirectory: string;
  /** Most bytes of the archive as uploaded (`SANDFLOW_MAX_PACKAGE_BYTES`). */
  maxUploadBytes: number;
  /** Limits while reading its entries. */
  packageLimits: PackageLimitOptions;
  /** The deployment's maxima: a package asking for more is refused. */
  maxLimits: Limits;
}

/** What is uploaded: the archive's bytes and the request's settings. */
export interface PackageUpload {
  problemId: string;
  clientName: string;
  archive: AsyncIterable<Uint8Array>;
  /** The time limit when the package gives none (ms). */
  defaultTimeLimitMs?: number;
}

const ZIP_MAGIC = [0x50, 0x4b];
const GZIP_MAGIC = [0x1f, 0x8b];

/** zip or tar.gz by the first bytes of the spooled file: a client's content-type is not trusted. */
async function archiveKind(file: string): Promise<'zip' | 'tar.gz'> {
  const handle = await fs.open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    const starts = (magic: number[]) => bytesRead === 2 && head[0] === magic[0] && head[1] === magic[1];
    if (starts(ZIP_MAGIC)) return 'zip';
    if (starts(GZIP_MAGIC)) return 'tar.gz';
    throw new PackageError(null, 'is neither a zip nor a gzip-compressed tar archive (by its first bytes)');
  } finally {
    await handle.close();
  }
}

/** The problem's display name: its English name, else the first it has. */
export function titleOf(problem: ProblemPackage): string | null {
  return problem.name.en ?? Object.values(problem.name)[0] ?? null;
}

/**
 * Reads an uploaded problem package (zip or tar.gz, ICPC / Kattis format), stores its test data
 * in the blob store, and records it as the problem's next version (creating the problem on its
 * first upload). The version row is written last, in one transaction: an upload that fails or is
 * cut off at any point leaves no version, only unreferenced (harmless, content-addressed) blobs.
 */
export async function importProblemPackage(upload: PackageUpload, options: ImportPackageOptions): Promise<ProblemVersionRecord> {
  const file = await spoolUpload(upload.archive, { directory: options.spoolDirectory, maxBytes: options.maxUploadBytes });
  try {
    const source =
      (await archiveKind(file)) === 'zip' ? { kind: 'zip' as const, path: file } : { kind: 'tar.gz' as const, path: file };
    const { problem, blobs } = await readProblemPackage(source, {
      ...options.packageLimits,
      store: options.store,
      ...(upload.defaultTimeLimitMs !== undefined ? { defaultTimeLimitMs: upload.defaultTimeLimitMs } : {}),
    });
    checkProblemLimits(problem, options.maxLimits);
    checkComparison(problem);
    if (problem.interactive)
      throw new PackageError('problem.yaml', 'interactive problems are not judged by this version of sandflow yet');
    if (problem.outputValidation.kind === 'custom')
      throw new PackageError('output_validators/', 'custom output validators are not judged by this version of sandflow yet');
    return await options.problems.addVersion({
      problemId: upload.problemId,
      clientName: upload.clientName,
      title: titleOf(problem),
      definition: problem,
      caseCount: countCases(problem),
      dataBytes: blobs.reduce((sum, blob) => sum + blob.size, 0),
    });
  } finally {
    await fs.rm(file, { force: true });
  }
}
