import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { assertBlobHash, BlobCorruptError, type BlobStore } from './blob-store';
import { logger } from '../common/logger';

/** Options of {@link BlobCache.open}. */
export interface BlobCacheOptions {
  /** The local directory the cache owns (created when missing); blobs live at `<directory>/<2 hex>/<62 hex>`. */
  directory: string;
  /** Where missing blobs are fetched from. */
  source: BlobStore;
  /**
   * The total bytes of cached blobs; the least recently used are evicted past it (later from
   * `SANDFLOW_TESTDATA_CACHE_MB`). Blobs in use are never evicted, so while leases are held the
   * cache may exceed this by their size.
   */
  maxBytes: number;
}

/** A cached blob a caller is using: its file stays on disk until {@link BlobLease.release}. */
export interface BlobLease {
  sha256: string;
  size: number;
  /** The local file holding the blob's verified bytes; read-only for the caller. */
  path: string;
  /** Ends the use; idempotent. The blob may be evicted afterwards. */
  release(): void;
}

interface CachedBlob {
  size: number;
  leases: number;
}

const TEMP_DIR = 'tmp';

/**
 * A worker's local, size-bounded cache of blobs from a {@link BlobStore}. Each blob is fetched once
 * however many callers ask for it at the same moment (they share one fetch), its sha256 is verified
 * before it is cached (a corrupt source is an error and caches nothing), and eviction is LRU among
 * the blobs no caller holds a lease on.
 */
export class BlobCache {
  /** Cached blobs in least- to most-recently-used order (a Map keeps insertion order). */
  private readonly blobs = new Map<string, CachedBlob>();
  private readonly fetches = new Map<string, Promise<CachedBlob>>();
  private readonly deletions = new Map<string, Promise<void>>();
  private totalBytes = 0;

  private constructor(private readonly options: BlobCacheOptions) {}

  /** Opens the cache, keeping blobs a previous process cached (oldest first) and deleting its temp files. */
  static async open(options: BlobCacheOptions): Promise<BlobCache> {
    const cache = new BlobCache(options);
    await fs.rm(path.join(options.directory, TEMP_DIR), { recursive: true, force: true });
    await fs.mkdir(path.join(options.directory, TEMP_DIR), { recursive: true });
    const found: { sha256: string; size: number; usedAt: number }[] = [];
    for (const shard of await fs.readdir(options.directory)) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const rest of await fs.readdir(path.join(options.directory, shard))) {
        const sha256 = shard + rest;
        if (!/^[0-9a-f]{64}$/.test(sha256)) continue;
        const stats = await fs.stat(path.join(options.directory, shard, rest));
        found.push({ sha256, size: stats.size, usedAt: stats.mtimeMs });
      }
    }
    for (const blob of found.sort((a, b) => a.usedAt - b.usedAt)) cache.remember(blob.sha256, blob.size);
    cache.evictSoon();
    await cache.settled();
    return cache;
  }

  /** Total bytes of the blobs on disk now. */
  get bytes(): number {
    return this.totalBytes;
  }

  /** Whether a blob is on disk now (without fetching or touching its recency). */
  contains(sha256: string): boolean {
    return this.blobs.has(sha256);
  }

  /** The blob's local file, fetched and verified when missing; the caller must release the lease. */
  async acquire(sha256: string): Promise<BlobLease> {
    assertBlobHash(sha256);
    let cached = this.blobs.get(sha256);
    if (!cached) {
      let fetch = this.fetches.get(sha256);
      if (!fetch) {
        fetch = this.fetch(sha256).finally(() => this.fetches.delete(sha256));
        this.fetches.set(sha256, fetch);
      }
      // Every waiter resumes and leases before any of them returns to a caller that could release.
      cached = await fetch;
    }
    this.touch(sha256, cached);
    const lease = this.lease(sha256, cached);
    this.evictSoon();
    return lease;
  }

  private lease(sha256: string, cached: CachedBlob): BlobLease {
    cached.leases += 1;
    let released = false;
    return {
      sha256,
      size: cached.size,
      path: this.pathOf(sha256),
      release: () => {
        if (released) return;
        released = true;
        cached.leases -= 1;
        if (cached.leases === 0) this.evictSoon();
      },
    };
  }

  private async fetch(sha256: string): Promise<CachedBlob> {
    const tempPath = path.join(this.options.directory, TEMP_DIR, `${randomUUID()}.part`);
    const file = await fs.open(tempPath, 'wx');
    try {
      const hash = createHash('sha256');
      let size = 0;
      try {
        for await (const chunk of await this.options.source.get(sha256)) {
          const bytes = chunk instanceof Buffer ? chunk : Buffer.from(String(chunk));
          hash.update(bytes);
          size += bytes.byteLength;
          await file.write(bytes);
        }
      } finally {
        await file.close();
      }
      const actual = hash.digest('hex');
      if (actual !== sha256) throw new BlobCorruptError(sha256, actual);
      const finalPath = this.pathOf(sha256);
      // An eviction of an earlier copy may still be deleting this very path.
      await this.deletions.get(sha256);
      await fs.mkdir(path.dirname(finalPath), { recursive: true });
      await fs.rename(tempPath, finalPath);
      return this.remember(sha256, size);
    } finally {
      await fs.rm(tempPath, { force: true });
    }
  }

  private remember(sha256: string, size: number): CachedBlob {
    const cached = { size, leases: 0 };
    this.blobs.set(sha256, cached);
    this.totalBytes += size;
    return cached;
  }

  private touch(sha256: string, cached: CachedBlob): void {
    this.blobs.delete(sha256);
    this.blobs.set(sha256, cached);
  }

  /**
   * Forgets least recently used blobs nobody leases until the total fits `maxBytes`, synchronously,
   * then deletes their files. A file that cannot be deleted is only logged: the next open counts it again.
   */
  private evictSoon(): void {
    for (const [sha256, cached] of this.blobs) {
      if (this.totalBytes <= this.options.maxBytes) break;
      if (cached.leases > 0) continue;
      this.blobs.delete(sha256);
      this.totalBytes -= cached.size;
      const deletion = fs
        .rm(this.pathOf(sha256), { force: true })
        .catch((error: unknown) => logger.warn({ err: error, sha256 }, 'blob cache: could not delete an evicted blob'))
        .finally(() => {
          if (this.deletions.get(sha256) === deletion) this.deletions.delete(sha256);
        });
      this.deletions.set(sha256, deletion);
    }
  }

  /** Resolves once evicted files are deleted (for tests and an orderly shutdown). */
  async settled(): Promise<void> {
    await Promise.all(this.deletions.values());
  }

  private pathOf(sha256: string): string {
    return path.join(this.options.directory, sha256.slice(0, 2), sha256.slice(2));
  }
}
