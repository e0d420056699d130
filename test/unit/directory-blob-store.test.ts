import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobCorruptError, BlobNotFoundError, BlobTooLargeError, InvalidBlobHashError } from '../../storage/blob-store';
import { DirectoryBlobStore } from '../../storage/directory-blob-store';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const chunks = (...parts: string[]): AsyncIterable<Uint8Array> => Readable.from(parts.map((p) => Buffer.from(p)));
const readAll = async (stream: Readable): Promise<Buffer> => {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(parts);
};
const filesUnder = (dir: string): string[] =>
  fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'sandflow-blobs-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('DirectoryBlobStore', () => {
  it('stores a stream under its sha256 and size, sharded by the first two hex digits, and reads it back', async () => {
    const store = await DirectoryBlobStore.open(root);
    const ref = await store.put(chunks('hello ', 'world\n'));
    const bytes = Buffer.from('hello world\n');
    expect(ref).toEqual({ sha256: sha256(bytes), size: bytes.length });
    expect(fs.readFileSync(path.join(root, ref.sha256.slice(0, 2), ref.sha256.slice(2)))).toEqual(bytes);
    expect(await readAll(await store.get(ref.sha256))).toEqual(bytes);
    expect(await store.has(ref.sha256)).toBe(true);
    expect(await store.stat(ref.sha256)).toEqual(ref);
  });

  it('stores the same bytes once however often they are put', async () => {
    const store = await DirectoryBlobStore.open(root);
    const first = await store.put(chunks('same'));
    const second = await store.put(chunks('sa', 'me'));
    expect(second).toEqual(first);
    expect(filesUnder(root)).toEqual([path.join(root, first.sha256.slice(0, 2), first.sha256.slice(2))]);
  });

  it('stores an empty blob', async () => {
    const store = await DirectoryBlobStore.open(root);
    const ref = await store.put(chunks());
    expect(ref).toEqual({ sha256: sha256(Buffer.alloc(0)), size: 0 });
    expect((await readAll(await store.get(ref.sha256))).length).toBe(0);
  });

  it('refuses a blob over the size cap, naming the cap, and leaves nothing behind', async () => {
    const store = await DirectoryBlobStore.open(root);
    await expect(store.put(chunks('12345', '6'), { maxBytes: 5 })).rejects.toThrow(new BlobTooLargeError(5));
    await expect(store.put(chunks('12345'), { maxBytes: 5 })).resolves.toMatchObject({ size: 5 });
    expect(filesUnder(root)).toHaveLength(1);
  });

  it('leaves nothing under a hash name when the source stream fails midway', async () => {
    const store = await DirectoryBlobStore.open(root);
    async function* failing(): AsyncIterable<Uint8Array> {
      yield Buffer.from('partial');
      throw new Error('connection reset');
    }
    await expect(store.put(failing())).rejects.toThrow('connection reset');
    expect(filesUnder(root)).toEqual([]);
  });

  it('deletes temp files a crashed put left when it opens', async () => {
    fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
    fs.writeFileSync(path.join(root, 'tmp', 'crashed.part'), 'half a blob');
    await DirectoryBlobStore.open(root);
    expect(filesUnder(root)).toEqual([]);
  });

  it('refuses a hash that is not 64 lowercase hex digits, so no other path can be named', async () => {
    const store = await DirectoryBlobStore.open(root);
    const ref = await store.put(chunks('x'));
    for (const bad of [
      '../../etc/passwd',
      ref.sha256.toUpperCase(),
      ref.sha256.slice(1),
      `${ref.sha256.slice(0, 2)}/../${ref.sha256.slice(5)}`,
      '',
    ]) {
      await expect(store.get(bad)).rejects.toBeInstanceOf(InvalidBlobHashError);
      await expect(store.has(bad)).rejects.toBeInstanceOf(InvalidBlobHashError);
      await expect(store.stat(bad)).rejects.toBeInstanceOf(InvalidBlobHashError);
    }
  });

  it('says which blob is missing', async () => {
    const store = await DirectoryBlobStore.open(root);
    const missing = sha256(Buffer.from('never stored'));
    await expect(store.get(missing)).rejects.toThrow(new BlobNotFoundError(missing));
    expect(await store.has(missing)).toBe(false);
    expect(await store.stat(missing)).toBeNull();
  });

  it('fails a read whose bytes on disk no longer match their hash', async () => {
    const store = await DirectoryBlobStore.open(root);
    const ref = await store.put(chunks('original'));
    fs.writeFileSync(path.join(root, ref.sha256.slice(0, 2), ref.sha256.slice(2)), 'tampered');
    await expect(readAll(await store.get(ref.sha256))).rejects.toBeInstanceOf(BlobCorruptError);
  });

  it('streams a blob larger than any one chunk without changing it', async () => {
    const store = await DirectoryBlobStore.open(root);
    const big = Buffer.alloc(5 * 1024 * 1024 + 17);
    for (let i = 0; i < big.length; i += 1) big[i] = (i * 7919) % 251;
    const ref = await store.put(Readable.from([big.subarray(0, 1000), big.subarray(1000)]));
    expect(ref).toEqual({ sha256: sha256(big), size: big.length });
    expect(sha256(await readAll(await store.get(ref.sha256)))).toBe(ref.sha256);
  });
});
