import fs from 'node:fs';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import tar from 'tar-stream';

/** One entry of a test archive; names are raw bytes so that tests can write names no tool would. */
export interface ArchiveEntry {
  name: string | Buffer;
  data?: Buffer | string;
  /** Unix mode including the file type bits (default a regular file 0o100644, or a directory for a name ending in /). */
  mode?: number;
  /** Zip only: store instead of deflate. */
  stored?: boolean;
  /** Zip only: the uncompressed size the headers claim, to test that they are not trusted. */
  claimedSize?: number;
}

/**
 * Writes a zip with just the fields readers use: local headers, central directory (made by Unix, so the
 * mode in the external attributes counts), end record. Written by hand because tests need entries a
 * well-behaved zip tool refuses to make (`..`, absolute names, symlinks out, devices, bad UTF-8, lies).
 */
export function writeZip(file: string, entries: ArchiveEntry[]): void {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.isBuffer(entry.name) ? entry.name : Buffer.from(entry.name);
    const data = Buffer.from(entry.data ?? '');
    const compressed = entry.stored ? data : deflateRawSync(data);
    const method = entry.stored ? 0 : 8;
    const crc = crc32(data);
    const size = entry.claimedSize ?? data.length;
    const isDirectory = name.at(-1) === 0x2f;
    const mode = entry.mode ?? (isDirectory ? 0o040755 : 0o100644);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8 (bit 11)
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((mode << 16) | (isDirectory ? 0x10 : 0)) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(file, Buffer.concat([...locals, directory, end]));
}

/** One entry of a test tar: a tar-stream header plus content. */
export interface TarEntry {
  name: string;
  data?: string | Buffer;
  type?: 'file' | 'directory' | 'symlink' | 'link' | 'fifo' | 'character-device';
  linkname?: string;
}

/** Writes a gzip-compressed tar with tar-stream. */
export async function writeTarGz(file: string, entries: TarEntry[]): Promise<void> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const chunk of pack) if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  })();
  for (const entry of entries) {
    const data = Buffer.from(entry.data ?? '');
    const type = entry.type ?? 'file';
    await new Promise<void>((resolve, reject) => {
      pack.entry(
        {
          name: entry.name,
          type,
          ...(entry.linkname ? { linkname: entry.linkname } : {}),
          size: type === 'file' ? data.length : 0,
        },
        type === 'file' ? data : Buffer.alloc(0),
        (error) => (error ? reject(error) : resolve()),
      );
    });
  }
  pack.finalize();
  await done;
  fs.writeFileSync(file, gzipSync(Buffer.concat(chunks)));
}
