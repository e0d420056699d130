import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLAYGROUND_SHARED_SOURCES, PLAYGROUND_SOURCE_DIR } from '../../api/playground-build';

/** The relative imports of a TypeScript file, resolved to paths. */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*import\s[^'"]*['"](\.{1,2}\/[^'"]+)['"]/gm)].map(
    (m) => `${path.resolve(path.dirname(file), m[1] ?? '')}.ts`,
  );
}

describe('the playground bundle', () => {
  it('takes from outside playground/ only the modules its build hash covers, and those import only packages', () => {
    const sources = readdirSync(PLAYGROUND_SOURCE_DIR)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => path.join(PLAYGROUND_SOURCE_DIR, f));
    const outside = [
      ...new Set(sources.flatMap(relativeImports).filter((f) => !f.startsWith(`${PLAYGROUND_SOURCE_DIR}${path.sep}`))),
    ];
    expect(outside.sort()).toEqual([...PLAYGROUND_SHARED_SOURCES].sort());
    for (const shared of PLAYGROUND_SHARED_SOURCES) expect(relativeImports(shared)).toEqual([]);
  });
});
