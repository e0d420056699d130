import { describe, expect, it } from 'vitest';
import { dockerfileFor, imageTag, SUPERVISOR_PATH, VERSION_FILE } from '../../runtimes/images';
import { languageById, languages } from '../../runtimes/languages';
import type { LanguageDefinition } from '../../runtimes/language';

const python = languageById('python') as LanguageDefinition;

describe('runtime image recipes', () => {
  it('tags an unchanged recipe the same and a changed one differently', () => {
    const tag = imageTag(python, 'sha256:base1', 'base:1');
    expect(tag).toMatch(/^sandflow\/python:[0-9a-f]{12}$/);
    expect(imageTag(python, 'sha256:base1', 'base:1')).toBe(tag);
    expect(imageTag(python, 'sha256:base2', 'base:1')).not.toBe(tag);
    expect(imageTag({ ...python, packages: [...python.packages, 'python3-numpy'] }, 'sha256:base1', 'base:1')).not.toBe(tag);
  });

  it('builds the supervisor in its own stage and records the version', () => {
    const dockerfile = dockerfileFor(python, 'base:1');
    expect(dockerfile).toContain('FROM base:1 AS supervisor');
    expect(dockerfile).toContain('gcc -O2 -static -Wall -Wextra -Werror');
    expect(dockerfile).toContain(`COPY --from=supervisor /build/sandflow-run ${SUPERVISOR_PATH}`);
    expect(dockerfile).toContain('apt-get install -y --no-install-recommends python3');
    expect(dockerfile).toContain(`python3 --version) 2>&1 | head -n 1 > ${VERSION_FILE}`);
    // Only the package list decides the language stage's first layer, so the cache survives supervisor changes.
    expect(dockerfile.indexOf('COPY --from=supervisor')).toBeGreaterThan(dockerfile.indexOf('python3 &&'));
  });

  it('quotes shell words of the version command', () => {
    const ts = languageById('typescript') as LanguageDefinition;
    expect(dockerfileFor(ts, 'b')).toContain(`sh -c 'echo "tsc $(tsc --version`);
  });
});

describe('language definitions', () => {
  it('has the eleven languages, each with a distinct id', () => {
    expect(languages.map((l) => l.id)).toEqual(['python', 'c', 'cpp', 'java', 'javascript', 'typescript', 'go', 'rust', 'ruby', 'php', 'bash']);
    expect(languageById('nope')).toBeUndefined();
  });

  it.each(languages.map((l) => [l.id, l] as const))('%s is complete', (_id, l) => {
    expect(l.packages.length).toBeGreaterThan(0);
    expect(l.run).toContain('$ARGS');
    if (l.compile) expect(l.compile).toContain('$OPTIONS');
    expect(l.version.length).toBeGreaterThan(0);
    for (const v of Object.values(l.defaultLimits)) expect(v).toBeGreaterThan(0);
  });
});
