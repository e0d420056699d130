import { describe, expect, it } from 'vitest';
import { dockerfileFor, imageRepository, imageTag, SUPERVISOR_PATH, VERSION_FILE } from '../../runtimes/images';
import { digestOf } from '../../runtimes/registry-archive';
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

  it('fetches registry toolchains in their own stage, checked against the pinned hash, and copies only what they unpack', () => {
    const go = languageById('go@1.27') as LanguageDefinition;
    const dockerfile = dockerfileFor(go, 'base:1');
    const hex = digestOf(go.archives?.[0]?.integrity ?? '').hex;
    expect(hex).toBe('7ecd542f86ccbbb5017de33ac529872bc48c71f4edb658d63a18d2206f482b9b');
    expect(dockerfile).toContain('FROM base:1 AS fetch');
    expect(dockerfile).toContain(
      `https://proxy.golang.org/golang.org/toolchain/@v/v0.0.1-go1.27.4.linux-amd64.zip && echo '${hex}  /build/archive-0' | sha256sum --check --strict -`,
    );
    expect(dockerfile).toContain('COPY --from=fetch /out/ /');
    // The build host's CA bundle is used in the fetch stage only, never copied into the runtime image.
    const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('FROM base:1\n'));
    expect(runtimeStage).not.toContain('host-ca.crt');
    expect(dockerfileFor(python, 'base:1')).not.toContain('AS fetch');
    // A new pin is a new recipe, so a new tag.
    const tag = imageTag(go, 'sha256:b', 'base:1');
    const repinned = {
      ...go,
      archives: [
        { ...(go.archives?.[0] ?? { url: '', into: '', strip: 0 }), integrity: `sha256-${Buffer.alloc(32).toString('base64')}` },
      ],
    };
    expect(imageTag(repinned, 'sha256:b', 'base:1')).not.toBe(tag);
    expect(tag).toMatch(/^sandflow\/go-1\.27:[0-9a-f]{12}$/);
  });

  it('keeps a Maven jar whole (the JVM reads it as it is) after checking its hash', () => {
    const kotlin = languageById('kotlin') as LanguageDefinition;
    const dockerfile = dockerfileFor(kotlin, 'base:1');
    const stdlib = kotlin.archives?.findIndex((a) => a.keepAs === 'kotlin-stdlib-2.4.21.jar') ?? -1;
    expect(stdlib).toBeGreaterThanOrEqual(0);
    const hex = digestOf(kotlin.archives?.[stdlib]?.integrity ?? '').hex;
    expect(dockerfile).toContain(
      `https://repo1.maven.org/maven2/org/jetbrains/kotlin/kotlin-stdlib/2.4.21/kotlin-stdlib-2.4.21.jar && echo '${hex}  /build/archive-${stdlib}' | sha512sum --check --strict - && mkdir -p /out/usr/local/lib/kotlin && mv /build/archive-${stdlib} /out/usr/local/lib/kotlin/kotlin-stdlib-2.4.21.jar`,
    );
    expect(dockerfile).not.toMatch(/bsdtar[^\n]*kotlin/);
  });

  it('refuses a malformed integrity pin', () => {
    expect(() => digestOf('md5-abc')).toThrow(/sha256-<base64> or sha512-<base64>/);
    expect(() => digestOf(`sha512-${Buffer.alloc(32).toString('base64')}`)).toThrow(/wrong length/);
  });

  it('names version images without the @ that image names do not allow', () => {
    expect(imageRepository({ id: 'go@1.19' })).toBe('sandflow/go-1.19');
    expect(imageRepository({ id: 'python' })).toBe('sandflow/python');
  });
});

describe('language definitions', () => {
  it('has each language once, with distinct ids and image names, the versions of a family newest first', () => {
    const ids = languages.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(languages.map(imageRepository)).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['python', 'c', 'javascript@24', 'typescript@5', 'go@1.27', 'go@1.19']));
    expect(ids.indexOf('go@1.27')).toBeLessThan(ids.indexOf('go@1.19'));
    expect(languageById('nope')).toBeUndefined();
    expect(languageById('go')?.id).toBe('go@1.27');
  });

  it.each(languages.map((l) => [l.id, l] as const))('%s is complete', (_id, l) => {
    expect(l.packages.length + (l.archives?.length ?? 0)).toBeGreaterThan(0);
    if (l.family !== undefined) expect(l.id).toMatch(new RegExp(`^${l.family}@[0-9][0-9.]*$`));
    expect(l.run).toContain('$ARGS');
    // A compiler that accepts options says where they go.
    if (l.compile && (l.compilerOptions?.length ?? 0) > 0) expect(l.compile).toContain('$OPTIONS');
    expect(l.version.length).toBeGreaterThan(0);
    for (const v of Object.values(l.defaultLimits)) expect(v).toBeGreaterThan(0);
  });
});
