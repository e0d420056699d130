import { PackageError } from './package-error';

const MAX_SEGMENT_BYTES = 255;
const MAX_PATH_BYTES = 4096;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A raw entry name shown in an error: the name when printable, else its bytes in hex. */
function shown(raw: Buffer): string {
  const text = raw.toString('latin1');
  return /^[\x20-\x7e]*$/.test(text) ? JSON.stringify(text) : `0x${raw.toString('hex')}`;
}

/**
 * The package path of an archive or directory entry, from its raw name: `/`-separated, relative, without
 * `.` or empty segments (a leading `./` as `tar -C dir .` writes is dropped) and without a trailing `/`.
 * Refuses what could name a path outside the package or mean different things to different tools:
 * names that are not UTF-8, absolute paths (also `C:`), `..`, backslashes, control characters.
 * Returns the empty string for the package root itself (`./`).
 */
export function packagePath(raw: Buffer): string {
  let name: string;
  try {
    name = utf8.decode(raw);
  } catch {
    throw new PackageError(shown(raw), 'the name is not valid UTF-8');
  }
  if (name.includes('\uFFFD')) throw new PackageError(shown(raw), 'the name is not valid UTF-8');
  if (raw.length > MAX_PATH_BYTES) throw new PackageError(name.slice(0, 100), `the name is longer than ${MAX_PATH_BYTES} bytes`);
  if ([...name].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f))
    throw new PackageError(JSON.stringify(name), 'the name contains a control character');
  if (name.includes('\\')) throw new PackageError(name, 'the name contains a backslash; package paths use /');
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name))
    throw new PackageError(name, 'absolute paths are not allowed in a package');
  const segments = name.replace(/\/$/, '').split('/');
  while (segments[0] === '.' && segments.length > 1) segments.shift();
  if (segments.length === 1 && (segments[0] === '.' || segments[0] === '')) return '';
  for (const segment of segments) {
    if (segment === '..') throw new PackageError(name, "'..' is not allowed in a package path");
    if (segment === '' || segment === '.') throw new PackageError(name, "empty or '.' path segments are not allowed");
    if (Buffer.byteLength(segment) > MAX_SEGMENT_BYTES)
      throw new PackageError(name, `a path segment is longer than ${MAX_SEGMENT_BYTES} bytes`);
  }
  return segments.join('/');
}

/** The format's file-name rule: other names (`.git`, `.gitignore`, names with spaces) are ignored, as the spec says. */
const FORMAT_NAME = /^[a-zA-Z0-9_][a-zA-Z0-9_.-]{0,254}$/;

/** Whether every segment of a package path follows the format's naming rule. */
export function followsFormatNaming(path: string): boolean {
  return path.split('/').every((segment) => FORMAT_NAME.test(segment));
}
