import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { PackageError } from './package-error';
import type { PackageEntry } from './package-entry';
import type { PackageBudget } from './package-limits';
import { packagePath } from './package-path';

const SLASH = Buffer.from('/');

/**
 * The entries of a package directory, depth first in byte order of names. Entries are inspected with
 * lstat and never followed: a symlink is listed as one (its target resolved inside the package later),
 * and fifos, sockets and devices are listed as special so that they are refused rather than opened.
 */
export async function* directoryEntries(root: string, budget: PackageBudget): AsyncGenerator<PackageEntry> {
  const stats = await fs.stat(root).catch(() => null);
  if (!stats?.isDirectory()) throw new PackageError(null, `${root} is not a directory`);
  yield* walk(Buffer.from(root), Buffer.alloc(0), budget);
}

async function* walk(root: Buffer, relative: Buffer, budget: PackageBudget): AsyncGenerator<PackageEntry> {
  const here = relative.length === 0 ? root : Buffer.concat([root, SLASH, relative]);
  const names = (await fs.readdir(here, { encoding: 'buffer' })).sort(Buffer.compare);
  for (const name of names) {
    const rawPath = relative.length === 0 ? name : Buffer.concat([relative, SLASH, name]);
    const path = packagePath(rawPath);
    const full = Buffer.concat([root, SLASH, rawPath]);
    const stats = await fs.lstat(full);
    if (stats.isDirectory()) {
      yield { path, kind: 'directory', content: () => nothing() };
      yield* walk(root, rawPath, budget);
    } else if (stats.isSymbolicLink()) {
      const target = await fs.readlink(full, { encoding: 'buffer' });
      yield { path, kind: 'symlink', linkTarget: target.toString('utf8'), content: () => nothing() };
    } else if (stats.isFile()) {
      yield { path, kind: 'file', content: () => counted(full, path, budget) };
    } else {
      const special = stats.isFIFO()
        ? 'fifo'
        : stats.isSocket()
          ? 'socket'
          : stats.isCharacterDevice()
            ? 'character device'
            : 'block device';
      yield { path, kind: 'special', special, content: () => nothing() };
    }
  }
}

async function* counted(file: Buffer, path: string, budget: PackageBudget): AsyncGenerator<Uint8Array> {
  for await (const chunk of createReadStream(file)) {
    if (!Buffer.isBuffer(chunk)) throw new PackageError(path, 'read something other than bytes');
    budget.inflated(chunk.length, path);
    yield chunk;
  }
}

function nothing(): AsyncIterable<Uint8Array> {
  return { [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve({ done: true, value: undefined }) }) };
}
