/**
 * Why `path` cannot sit next to the paths already taken, or undefined when it can. The
 * sandbox places the files in /box as given, so `a` and `a/b` (or the source `main.py` and
 * `main.py/x`) would need one name to be both a file and a directory, and placing them fails.
 * Equal paths are the caller's to refuse first.
 */
export function pathCollision(path: string, taken: Iterable<string>): string | undefined {
  for (const other of taken) {
    if (other.startsWith(`${path}/`))
      return `"${path}" would be a file and also the directory of "${other}"; a path cannot be both`;
    if (path.startsWith(`${other}/`)) return `"${path}" would be inside "${other}", which is a file; a path cannot be both`;
  }
  return undefined;
}
