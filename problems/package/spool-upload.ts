import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { PackageError } from './package-error';

/** Options of {@link spoolUpload}. */
export interface SpoolUploadOptions {
  /** Where the temp file goes (a directory the caller owns, e.g. under the data dir). */
  directory: string;
  /** Most bytes the upload may have; a longer one fails and leaves no file. */
  maxBytes: number;
}

/**
 * Writes an uploaded archive to a temp file, chunk by chunk, because a zip is read from its end (the
 * central directory) and so needs random access. Returns the file's path; the caller deletes it after
 * reading the package.
 */
export async function spoolUpload(upload: AsyncIterable<Uint8Array>, options: SpoolUploadOptions): Promise<string> {
  await fs.mkdir(options.directory, { recursive: true });
  const file = path.join(options.directory, `upload-${randomUUID()}.part`);
  const handle = await fs.open(file, 'wx', 0o600);
  let size = 0;
  try {
    try {
      for await (const chunk of upload) {
        size += chunk.byteLength;
        if (size > options.maxBytes)
          throw new PackageError(null, `the upload is larger than ${options.maxBytes} bytes (the limit)`);
        await handle.write(chunk);
      }
    } finally {
      await handle.close();
    }
    return file;
  } catch (error) {
    await fs.rm(file, { force: true });
    throw error;
  }
}
