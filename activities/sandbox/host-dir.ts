import { chmod, lchown, lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { SANDBOX_UID } from '../../runtimes/images';

/** Every file and directory under `p`, itself included; symlinks are neither followed nor listed. */
async function listTree(p: string, into: [string, boolean][]): Promise<void> {
  const st = await lstat(p);
  if (st.isSymbolicLink()) return;
  into.push([p, st.isDirectory()]);
  if (st.isDirectory()) for (const name of await readdir(p)) await listTree(path.join(p, name), into);
}

/**
 * Lets the sandbox uid use the program's files: hostDir (and everything under it) must be
 * writable in compile mode and readable in run mode, and the stdin file readable. The worker
 * runs as root and chowns; where it cannot, the modes are opened up instead.
 */
export async function prepareHostFiles(hostDir: string, stdinFile: string | undefined): Promise<void> {
  const targets: [string, boolean][] = [];
  await listTree(hostDir, targets);
  if (stdinFile) targets.push([stdinFile, false]);
  for (const [p, isDir] of targets) {
    try {
      // lchown: a compile step may have left a symlink where a file was listed.
      await lchown(p, SANDBOX_UID, SANDBOX_UID);
    } catch {
      const mode = (await lstat(p)).mode & 0o7777;
      await chmod(p, mode | (isDir ? 0o777 : 0o666));
    }
  }
}
