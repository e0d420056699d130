import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * Every relative link in README.md, BENCHMARKS.md and docs/*.md points at a file that exists and,
 * when it names an anchor in a Markdown file, at a heading that file has (GitHub's anchor rules).
 * Docs move between files; a link left pointing at the old place fails here.
 */

const ROOT = path.resolve(__dirname, '../..');

/**
 * Docs written on other branches of the same change, linked from here before they land. A link
 * to one of them passes while the file is absent; once it exists its links and anchors are checked
 * like any other. Empty this list once both are merged.
 */

/** The Markdown files whose links are checked, relative to the repository root. */
function docFiles(): string[] {
  const docs = fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`);
  return ['README.md', 'BENCHMARKS.md', ...docs.sort()];
}

/** The text without its fenced code blocks, whose lines are neither headings nor links. */
function withoutFences(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
}

/** The text without code: links inside blocks and spans are examples, not links. */
function withoutCode(markdown: string): string {
  return withoutFences(markdown).replace(/`[^`\n]*`/g, '');
}

/** The targets of the inline links and images in the Markdown text, as written. */
function linkTargets(markdown: string): string[] {
  const targets: string[] = [];
  for (const match of withoutCode(markdown).matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    if (match[1]) targets.push(match[1]);
  }
  return targets;
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
function headingAnchor(heading: string): string {
  const text = heading
    .replace(/`([^`]*)`/g, '$1')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_]{1,2}([^*_]+)[*_]{1,2}/g, '$1');
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Every anchor the Markdown text's headings define, repeated headings numbered as GitHub does (`-1`, `-2`). */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const match of withoutFences(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = headingAnchor(match[1] ?? '');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** What is wrong with one link of `from` (a root-relative path), or undefined when it resolves. */
function brokenLink(from: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // http:, https:, mailto: …
  const [file = '', anchor] = target.split('#', 2);
  const resolved = file === '' ? from : path.posix.normalize(path.posix.join(path.posix.dirname(from), decodeURI(file)));
  if (resolved.startsWith('../')) return `${target}: points outside the repository`;
  const absolute = path.join(ROOT, resolved);
  if (!fs.existsSync(absolute)) return `${target}: ${resolved} does not exist`;
  if (anchor === undefined || !resolved.endsWith('.md')) return undefined;
  const anchors = anchorsOf(fs.readFileSync(absolute, 'utf8'));
  return anchors.has(anchor) ? undefined : `${target}: ${resolved} has no heading with the anchor #${anchor}`;
}

describe('links in the docs', () => {
  it('reads links and heading anchors as GitHub renders them', () => {
    expect(linkTargets('see [a](docs/a.md#x), ![p](docs/p.png) and `[no](code.md)`\n```\n[no](block.md)\n```\n')).toEqual([
      'docs/a.md#x',
      'docs/p.png',
    ]);
    expect([...anchorsOf('# Sandboxes: warm and fresh\n## `SANDFLOW_X` limits\n## Metrics\n## Metrics\n')]).toEqual([
      'sandboxes-warm-and-fresh',
      'sandflow_x-limits',
      'metrics',
      'metrics-1',
    ]);
  });

  it.each(docFiles())('%s links only to files and headings that exist', (file) => {
    const broken = linkTargets(fs.readFileSync(path.join(ROOT, file), 'utf8'))
      .map((target) => brokenLink(file, target))
      .filter((problem) => problem !== undefined);
    expect(broken).toEqual([]);
  });

  it('finds links in README.md to every file under docs/', () => {
    const linked = new Set(linkTargets(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')).map((t) => t.split('#')[0]));
    const unlinked = docFiles()
      .filter((f) => f.startsWith('docs/'))
      .filter((f) => !linked.has(f));
    expect(unlinked).toEqual([]);
  });
});
