import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { z } from 'zod';
import { PackageError } from './package-error';
import type { PackageEntry, PackageEntryKind } from './package-entry';
import type { PackageBudget } from './package-limits';
import { packagePath } from './package-path';

/** The names a pax header may carry instead of the ustar fields (already decoded as UTF-8 by tar-stream). */
const PAX_NAMES = z.object({ path: z.string().optional(), linkpath: z.string().optional() });

const KINDS: Record<string, PackageEntryKind> = {
  file: 'file',
  'contiguous-file': 'file',
  directory: 'directory',
  symlink: 'symlink',
  link: 'hardlink',
};

/**
 * The entries of a gzip-compressed tar stream. Both the compressed bytes read and the inflated bytes
 * (headers, padding and the content of skipped entries too) are counted as they flow, so a bomb stops
 * at the limit however its headers lie.
 */
export async function* tarGzEntries(input: Readable, budget: PackageBudget): AsyncGenerator<PackageEntry> {
  let currentPath = '(the archive)';
  const counter = (count: (bytes: number) => void): Transform =>
    new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        try {
          count(chunk.length);
          callback(null, chunk);
        } catch (error) {
          callback(error instanceof Error ? error : new Error(String(error)));
        }
      },
    });
  // latin1 keeps a ustar name's raw bytes, so packagePath can refuse a name that is not UTF-8.
  const extractOptions = { filenameEncoding: 'latin1', highWaterMark: 64 * 1024 };
  const extract = tar.extract(extractOptions);
  const feeding = pipeline(
    input,
    counter((bytes) => budget.consumed(bytes)),
    createGunzip(),
    counter((bytes) => budget.inflated(bytes, currentPath)),
    extract,
  );
  let failure: unknown = null;
  feeding.catch((error: unknown) => {
    failure = error;
  });
  try {
    for await (const entry of extract) {
      const header = entry.header;
      const pax = PAX_NAMES.safeParse(header.pax ?? {}).data ?? {};
      const fromPax = pax.path !== undefined;
      const path = packagePath(fromPax ? Buffer.from(header.name, 'utf8') : Buffer.from(header.name, 'latin1'));
      currentPath = path || '(the archive)';
      const kind = KINDS[header.type ?? ''] ?? 'special';
      const linkTarget =
        header.linkname === null || header.linkname === undefined
          ? undefined
          : pax.linkpath !== undefined
            ? header.linkname
            : Buffer.from(header.linkname, 'latin1').toString('utf8');
      let read = false;
      yield {
        path,
        kind,
        ...(kind === 'special' ? { special: (header.type ?? 'unknown entry type').replace('-', ' ') } : {}),
        ...(linkTarget !== undefined ? { linkTarget } : {}),
        content: () => {
          read = true;
          return bytesOf(entry, path);
        },
      };
      if (!read) entry.resume();
    }
  } catch (error) {
    throw asPackageError(failure ?? error, currentPath);
  }
  await feeding.catch((error: unknown) => {
    throw asPackageError(error, currentPath);
  });
}

async function* bytesOf(source: AsyncIterable<unknown>, path: string): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    if (!(chunk instanceof Uint8Array)) throw new PackageError(path, 'tar entry content is not bytes');
    yield chunk;
  }
}

function asPackageError(error: unknown, path: string): PackageError {
  if (error instanceof PackageError) return error;
  return new PackageError(
    path === '(the archive)' ? null : path,
    `not a readable tar.gz: ${error instanceof Error ? error.message : String(error)}`,
  );
}
