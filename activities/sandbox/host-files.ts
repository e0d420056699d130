import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SandboxFile } from './job';

/** Every regular file below `dir`, with its path relative to it; symlinks and the rest are skipped. */
export async function readHostFiles(dir: string): Promise<SandboxFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: SandboxFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const [content, st] = await Promise.all([readFile(full), stat(full)]);
    files.push({ path: path.relative(dir, full).split(path.sep).join('/'), mode: st.mode & 0o777, content });
  }
  return files;
}

/** One plain name, as compilers write their outputs: no directories, no dot names. */
const ARTIFACT_NAME = /^(?!\.)[A-Za-z0-9._$+-]{1,255}$/;

/**
 * Writes collected artifacts into `dir`. The names come from the sandbox, so anything but a
 * plain file name is refused rather than trusted.
 */
export async function writeArtifacts(dir: string, files: readonly SandboxFile[]): Promise<void> {
  for (const file of files) {
    if (!ARTIFACT_NAME.test(file.path)) throw new Error(`the sandbox sent an artifact with a refused name: ${JSON.stringify(file.path.slice(0, 80))}`);
    await writeFile(path.join(dir, file.path), file.content, { mode: (file.mode & 0o755) | 0o600, flag: 'w' });
  }
}
