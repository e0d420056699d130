import fs from 'node:fs/promises';
import type { BlobCache } from './blob-cache';

/** The bytes of stored test files by content address, as judging reads them. */
export interface TestFiles {
  read(sha256: string): Promise<Uint8Array>;
}

/**
 * Test files read through the worker's local cache: each blob is fetched from the store once
 * (however many submissions want it at once), verified, and then read from local disk.
 */
export function cachedTestFiles(cache: BlobCache): TestFiles {
  return {
    async read(sha256) {
      const lease = await cache.acquire(sha256);
      try {
        return await fs.readFile(lease.path);
      } finally {
        lease.release();
      }
    },
  };
}
