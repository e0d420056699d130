import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  assertBlobHash,
  BlobNotFoundError,
  BlobTooLargeError,
  type BlobRef,
  type BlobStore,
  type PutBlobOptions,
} from './blob-store';
import { isNotFound } from './fs-errors';
import { verifyingStream } from './hashing-reader';

const TEMP_DIR = 'tmp';

/**
 * The embedded {@link BlobStore}: one file per blob under `root`, at `<root>/<first 2 hex>/<other 62 hex>`.
 *
 * A put writes a temp file under `<root>/tmp` (the same filesystem, so the final rename is atomic), hashes
 * while writing, fsyncs it and renames it into place, then fsyncs the directory: a crash leaves either the
 * whole blob under its name or only a temp file, and {@link DirectoryBlobStore.open} deletes temp files.
 * Reads verify the hash as they stream (the bytes are read anyway) and fail at the end on a mismatch.
 */
export class DirectoryBlobStore implements BlobStore {
  private constructor(readonly root: string) {}

  /** Creates `root` when missing and deletes temp files a crashed put left behind. */
  static async open(root: string): Promise<DirectoryBlobStore> {
    const temp = path.join(root, TEMP_DIR);
    await fs.rm(temp, { recursive: true, force: true });
    await fs.mkdir(temp, { recursive: true });
    return new DirectoryBlobStore(root);
  }

  async put(source: AsyncIterable<Uint8Array>, options: PutBlobOptions = {}): Promise<BlobRef> {
    const tempPath = path.join(this.root, TEMP_DIR, `${randomUUID()}.part`);
    const file = await fs.open(tempPath, 'wx', 0o644);
    const hash = createHash('sha256');
    let size = 0;
    try {
      try {
        for await (const chunk of source) {
          size += chunk.byteLength;
          if (options.maxBytes !== undefined && size > options.maxBytes) throw new BlobTooLargeError(options.maxBytes);
          hash.update(chunk);
          // Awaiting each write is the back-pressure: at most one chunk is in memory.
          await file.write(chunk);
        }
        await file.sync();
      } finally {
        await file.close();
      }
      const sha256 = hash.digest('hex');
      const finalPath = this.pathOf(sha256);
      if (await exists(finalPath)) {
        await fs.rm(tempPath, { force: true });
      } else {
        await fs.mkdir(path.dirname(finalPath), { recursive: true });
        await fs.rename(tempPath, finalPath);
        await syncDirectory(path.dirname(finalPath));
      }
      return { sha256, size };
    } catch (error) {
      await fs.rm(tempPath, { force: true });
      throw error;
    }
  }

  async get(sha256: string): Promise<Readable> {
    const file = this.pathOf(assertBlobHash(sha256));
    const handle = await fs.open(file, 'r').catch((error: unknown) => {
      throw isNotFound(error) ? new BlobNotFoundError(sha256) : error;
    });
    return handle.createReadStream().pipe(verifyingStream(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    return exists(this.pathOf(assertBlobHash(sha256)));
  }

  async stat(sha256: string): Promise<BlobRef | null> {
    try {
      const stats = await fs.stat(this.pathOf(assertBlobHash(sha256)));
      return { sha256, size: stats.size };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** Where a blob lives; callers pass a validated hash, so this never leaves `root`. */
  private pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2));
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

/** Makes a rename durable: the directory entry itself is on disk, not only the file's bytes. */
async function syncDirectory(directory: string): Promise<void> {
  const handle = await fs.open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
