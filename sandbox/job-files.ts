import type { JobFile } from './job';
import type { SandboxFile } from './types';

/** A file's mode when the spec gives none: what a file written by the submitter would get. */
const DEFAULT_MODE = 0o644;

/** A relative path of plain segments: no leading slash, no empty, `.` or `..` segment, no NUL. */
function isPlainRelativePath(p: string): boolean {
  return (
    p.length > 0 && !p.includes('\0') && p.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
  );
}

/**
 * The spec's files as the supervisor's frames carry them, one per path (a later file of a path
 * replaces an earlier one). A path that is not plain relative is refused here: the supervisor
 * would refuse it too, but by dying, which looks like a broken sandbox.
 */
export function jobFilesOf(files: readonly SandboxFile[]): JobFile[] {
  const byPath = new Map<string, JobFile>();
  for (const file of files) {
    if (!isPlainRelativePath(file.path))
      throw new Error(`sandbox file path ${JSON.stringify(file.path.slice(0, 80))} is not a plain relative path`);
    byPath.delete(file.path);
    byPath.set(file.path, { path: file.path, mode: (file.mode ?? DEFAULT_MODE) & 0o777, content: file.content });
  }
  return [...byPath.values()];
}

/** One plain name, as compilers write their outputs: no directories, no dot names. */
const ARTIFACT_NAME = /^(?!\.)[A-Za-z0-9._$+-]{1,255}$/;

/**
 * The collected files as the compile's artifacts. The names come from the sandbox and go into
 * every later run's working directory, so anything but a plain file name is refused rather
 * than trusted. Modes are kept, but for the group's and others' write bits.
 */
export function artifactsOf(files: readonly JobFile[]): SandboxFile[] {
  return files.map((file) => {
    if (!ARTIFACT_NAME.test(file.path))
      throw new Error(`the sandbox sent an artifact with a refused name: ${JSON.stringify(file.path.slice(0, 80))}`);
    return { path: file.path, content: file.content, mode: (file.mode & 0o755) | 0o600 };
  });
}
