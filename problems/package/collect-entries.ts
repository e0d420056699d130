import type { BlobRef, BlobStore } from '../../storage/blob-store';
import { PackageError } from './package-error';
import type { PackageEntry } from './package-entry';
import { followsFormatNaming } from './package-path';

/** Most bytes of a metadata file read into memory (`problem.yaml`, `testdata.yaml`, `.timelimit`). */
export const MAX_METADATA_BYTES = 1024 * 1024;

/** A regular file of the package: stored as a blob, read as metadata text, or neither (not needed). */
export interface CollectedFile {
  blob?: BlobRef;
  text?: string;
}

/** Everything phase one learnt from the entries, keyed by package path (before the root is known). */
export interface CollectedPackage {
  files: Map<string, CollectedFile>;
  directories: Set<string>;
  /** Symlinks to their raw targets. */
  symlinks: Map<string, string>;
}

interface SeenName {
  path: string;
  isDirectory: boolean;
  explicit: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Phase one of reading a package: walks the entries once, refusing hostile ones, storing the content of
 * the files judging needs in `store` as they stream, and keeping metadata files as text. The package's
 * root (it may sit in one top-level directory) is not known yet, so a file is kept when it is needed
 * under either possible root.
 */
export async function collectEntries(
  entries: AsyncIterable<PackageEntry>,
  store: BlobStore,
  count: (path: string) => void,
): Promise<CollectedPackage> {
  const collected: CollectedPackage = { files: new Map(), directories: new Set(), symlinks: new Map() };
  const seen = new Map<string, SeenName>();
  const see = (path: string, isDirectory: boolean, explicit: boolean): void => {
    const key = path.normalize('NFC').toLowerCase();
    const earlier = seen.get(key);
    if (!earlier) {
      seen.set(key, { path, isDirectory, explicit });
      return;
    }
    if (earlier.path !== path)
      throw new PackageError(path, `the name differs only by case (or Unicode normalisation) from ${earlier.path}`);
    if (earlier.isDirectory !== isDirectory) throw new PackageError(path, 'is both a file and a directory');
    if (explicit && earlier.explicit) throw new PackageError(path, 'appears twice in the package');
    earlier.explicit ||= explicit;
  };

  for await (const entry of entries) {
    if (entry.path === '') continue;
    count(entry.path);
    const segments = entry.path.split('/');
    for (let i = 1; i < segments.length; i += 1) see(segments.slice(0, i).join('/'), true, false);
    see(entry.path, entry.kind === 'directory', true);
    switch (entry.kind) {
      case 'special':
        throw new PackageError(
          entry.path,
          `is a ${entry.special ?? 'special file'}; a package holds only files, directories and symlinks`,
        );
      case 'hardlink':
        throw new PackageError(
          entry.path,
          `is a hard link (to ${entry.linkTarget ?? '?'}); hard links are not allowed in a package`,
        );
      case 'directory':
        collected.directories.add(entry.path);
        break;
      case 'symlink': {
        const target = entry.linkTarget ?? '';
        if (target.startsWith('/'))
          throw new PackageError(
            entry.path,
            `is a symlink to the absolute path ${target}; symlinks must be relative and stay inside the package`,
          );
        if (target === '' || target.includes('\0')) throw new PackageError(entry.path, 'is a symlink without a valid target');
        collected.symlinks.set(entry.path, target);
        break;
      }
      case 'file': {
        const use = useOf(entry.path);
        if (use === 'metadata') collected.files.set(entry.path, { text: await readText(entry) });
        else if (use === 'blob') collected.files.set(entry.path, { blob: await store.put(entry.content()) });
        else collected.files.set(entry.path, {});
        break;
      }
    }
  }
  return collected;
}

/** What a package path is needed for, under either possible root (the archive's, or its one top directory). */
export function useOf(path: string): 'metadata' | 'blob' | null {
  const candidates = [path];
  const slash = path.indexOf('/');
  if (slash > 0) candidates.push(path.slice(slash + 1));
  let use: 'metadata' | 'blob' | null = null;
  for (const relative of candidates) {
    if (relative === 'problem.yaml' || relative === '.timelimit' || /^data\/(.+\/)?testdata\.yaml$/.test(relative))
      return 'metadata';
    if (!followsFormatNaming(relative)) continue;
    if (
      /^data\/(sample|secret)\/(.+\/)?[^/]+\.(in|ans|interaction)$/.test(relative) ||
      /^(output_validators?|submissions)\/.+/.test(relative)
    )
      use = 'blob';
  }
  return use;
}

async function readText(entry: PackageEntry): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of entry.content()) {
    size += chunk.byteLength;
    if (size > MAX_METADATA_BYTES)
      throw new PackageError(entry.path, `is larger than ${MAX_METADATA_BYTES} bytes, the limit for a metadata file`);
    parts.push(Buffer.from(chunk));
  }
  try {
    return utf8.decode(Buffer.concat(parts));
  } catch {
    throw new PackageError(entry.path, 'is not valid UTF-8 text');
  }
}
