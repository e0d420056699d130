import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobCache } from '../../storage/blob-cache';
import { BlobCorruptError, BlobNotFoundError, type BlobRef, type BlobStore } from '../../storage/blob-store';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** An in-memory source that counts fetches, optionally slowly or serving other bytes than asked for. */
class CountingSource implements BlobStore {
  readonly blobs = new Map<string, Buffer>();
  readonly fetched: string[] = [];
  corrupt = false;
  delayMs = 0;

  add(text: string): string {
    const bytes = Buffer.from(text);
    this.blobs.set(sha256(bytes), bytes);
    return sha256(bytes);
  }
  async put(): Promise<BlobRef> {
    throw new Error('not used');
  }
  async get(hash: string): Promise<Readable> {
    this.fetched.push(hash);
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const bytes = this.blobs.get(hash);
    if (!bytes) throw new BlobNotFoundError(hash);
    return Readable.from([this.corrupt ? Buffer.concat([bytes, Buffer.from('!')]) : bytes]);
  }
  async has(hash: string): Promise<boolean> {
    return this.blobs.has(hash);
  }
  async stat(hash: string): Promise<BlobRef | null> {
    const bytes = this.blobs.get(hash);
    return bytes ? { sha256: hash, size: bytes.length } : null;
  }
}

let directory: string;
let source: CountingSource;
beforeEach(() => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'sandflow-cache-'));
  source = new CountingSource();
});
afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

describe('BlobCache', () => {
  it('fetches a missing blob once for 100 callers asking at the same moment, and all read the same verified file', async () => {
    const hash = source.add('test data');
    source.delayMs = 20;
    const cache = await BlobCache.open({ directory, source, maxBytes: 1024 });
    const leases = await Promise.all(Array.from({ length: 100 }, () => cache.acquire(hash)));
    expect(source.fetched).toEqual([hash]);
    expect(new Set(leases.map((lease) => lease.path)).size).toBe(1);
    expect(fs.readFileSync(leases[0]!.path, 'utf8')).toBe('test data');
    for (const lease of leases) lease.release();
    const again = await cache.acquire(hash);
    expect(source.fetched).toHaveLength(1);
    again.release();
  });

  it('evicts the least recently used blob nobody holds once the total passes maxBytes', async () => {
    const [a, b, c] = ['aaaa', 'bbbb', 'cccc'].map((text) => source.add(text)) as [string, string, string];
    const cache = await BlobCache.open({ directory, source, maxBytes: 8 });
    (await cache.acquire(a)).release();
    (await cache.acquire(b)).release();
    (await cache.acquire(a)).release(); // a is now more recent than b
    (await cache.acquire(c)).release();
    await cache.settled();
    expect([cache.contains(a), cache.contains(b), cache.contains(c)]).toEqual([true, false, true]);
    expect(cache.bytes).toBe(8);
    expect(fs.existsSync(path.join(directory, b.slice(0, 2), b.slice(2)))).toBe(false);
  });

  it('never evicts a blob a caller holds, and evicts it once released when over the bound', async () => {
    const [a, b] = ['aaaa', 'bbbb'].map((text) => source.add(text)) as [string, string];
    const cache = await BlobCache.open({ directory, source, maxBytes: 4 });
    const held = await cache.acquire(a);
    (await cache.acquire(b)).release();
    await cache.settled();
    expect(cache.contains(a)).toBe(true);
    expect(fs.readFileSync(held.path, 'utf8')).toBe('aaaa');
    expect(cache.contains(b)).toBe(false);
    held.release();
    held.release(); // idempotent: a second release must not unpin someone else's lease
    expect(cache.bytes).toBe(4);
  });

  it('caches nothing and fails every waiter when the source serves bytes of another hash', async () => {
    const hash = source.add('genuine');
    source.corrupt = true;
    const cache = await BlobCache.open({ directory, source, maxBytes: 1024 });
    const results = await Promise.allSettled([cache.acquire(hash), cache.acquire(hash)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(BlobCorruptError);
    expect(cache.contains(hash)).toBe(false);
    expect(fs.readdirSync(directory, { recursive: true }).filter((name) => String(name).includes(hash.slice(2)))).toEqual([]);
    source.corrupt = false;
    const lease = await cache.acquire(hash);
    expect(fs.readFileSync(lease.path, 'utf8')).toBe('genuine');
    expect(source.fetched).toEqual([hash, hash]);
  });

  it('passes a missing blob through as the source error', async () => {
    const cache = await BlobCache.open({ directory, source, maxBytes: 1024 });
    await expect(cache.acquire(sha256(Buffer.from('absent')))).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('keeps what an earlier process cached, within the bound, and deletes its temp files', async () => {
    const hash = source.add('kept');
    const first = await BlobCache.open({ directory, source, maxBytes: 1024 });
    (await first.acquire(hash)).release();
    fs.writeFileSync(path.join(directory, 'tmp', 'x.part'), 'half');
    const second = await BlobCache.open({ directory, source, maxBytes: 1024 });
    expect(second.contains(hash)).toBe(true);
    (await second.acquire(hash)).release();
    expect(source.fetched).toHaveLength(1);
    expect(fs.readdirSync(path.join(directory, 'tmp'))).toEqual([]);
  });

  it('refuses a hash that could name another path', async () => {
    const cache = await BlobCache.open({ directory, source, maxBytes: 1024 });
    await expect(cache.acquire('../../etc/passwd')).rejects.toThrow('64 lowercase hex');
    expect(source.fetched).toEqual([]);
  });
});
