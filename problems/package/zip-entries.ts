import { Transform } from 'node:stream';
import yauzl from 'yauzl';
import { PackageError } from './package-error';
import type { PackageEntry, PackageEntryKind } from './package-entry';
import type { PackageBudget } from './package-limits';
import { packagePath } from './package-path';

const MADE_BY_UNIX = 3;
const S_IFMT = 0o170000;
const SPECIAL_KINDS: Record<number, string> = {
  0o010000: 'fifo',
  0o020000: 'character device',
  0o060000: 'block device',
  0o140000: 'socket',
};

/**
 * The entries of a zip file. Names are taken as raw bytes (never CP437 or an extra field's other name),
 * and content is counted while it inflates: a header's sizes are trusted only to refuse early.
 */
export async function* zipEntries(file: string, budget: PackageBudget): AsyncGenerator<PackageEntry> {
  const zip = await yauzl
    .openPromise(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false })
    .catch((error: unknown) => {
      throw new PackageError(null, `not a readable zip file: ${error instanceof Error ? error.message : String(error)}`);
    });
  try {
    if (zip.entryCount > budget.maxFiles) {
      throw new PackageError(null, `the package has ${zip.entryCount} files, more than the limit of ${budget.maxFiles}`);
    }
    for await (const entry of zip.eachEntry()) {
      const path = packagePath(entry.fileNameRaw);
      const mode = entry.versionMadeBy >> 8 === MADE_BY_UNIX ? (entry.externalFileAttributes >>> 16) & S_IFMT : 0;
      const isDirectory = entry.fileNameRaw.at(-1) === 0x2f || mode === 0o040000;
      let kind: PackageEntryKind = isDirectory ? 'directory' : 'file';
      const special = SPECIAL_KINDS[mode];
      if (special) kind = 'special';
      if (mode === 0o120000) kind = 'symlink';
      if (kind === 'file' || kind === 'symlink') {
        if (entry.isEncrypted()) throw new PackageError(path, 'encrypted zip entries are not supported');
        if (!entry.canDecodeFileData())
          throw new PackageError(
            path,
            `zip compression method ${entry.compressionMethod} is not supported (only stored and deflate)`,
          );
      }
      const content = (): AsyncIterable<Uint8Array> => inflate(zip, entry, path, budget);
      if (kind === 'symlink') {
        const target = await readSmall(content(), path);
        yield { path, kind, linkTarget: target, content };
      } else {
        yield { path, kind, ...(special ? { special } : {}), content };
      }
    }
  } finally {
    zip.close();
  }
}

async function* inflate(zip: yauzl.ZipFile, entry: yauzl.Entry, path: string, budget: PackageBudget): AsyncGenerator<Uint8Array> {
  budget.consumed(entry.compressedSize);
  const stream = await zip.openReadStreamPromise(entry).catch((error: unknown) => {
    throw new PackageError(path, `unreadable zip entry: ${error instanceof Error ? error.message : String(error)}`);
  });
  // Counting in a transform stops the inflater itself at the limit, not only the consumer.
  const counted = stream.pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        try {
          budget.inflated(chunk.length, path);
          callback(null, chunk);
        } catch (error) {
          callback(error instanceof Error ? error : new Error(String(error)));
        }
      },
    }),
  );
  stream.on('error', (error) => counted.destroy(error));
  try {
    for await (const chunk of counted) yield chunk as Buffer;
  } catch (error) {
    if (error instanceof PackageError) throw error;
    throw new PackageError(path, `corrupt zip entry: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    stream.destroy();
    counted.destroy();
  }
}

/** A symlink's target, stored as its content; a target is a short path. */
async function readSmall(content: AsyncIterable<Uint8Array>, path: string): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of content) {
    size += chunk.byteLength;
    if (size > 4096) throw new PackageError(path, 'symlink target is longer than 4096 bytes');
    parts.push(Buffer.from(chunk));
  }
  return Buffer.concat(parts).toString('utf8');
}
