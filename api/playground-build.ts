import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../common/logger';

/** Browser sources of the playground (playground/, not type-checked with the server: it runs in a browser). */
export const PLAYGROUND_SOURCE_DIR = path.join(__dirname, '..', 'playground');
/**
 * Modules outside playground/ that its bundle takes (zod-only, browser-safe): part of the build's
 * hash, so a change to them builds the playground again.
 */
export const PLAYGROUND_SHARED_SOURCES: readonly string[] = [path.join(__dirname, '..', 'common', 'api-shapes.ts')];
/** Where builds are kept: git-ignored, one directory per content hash so a changed source or dependency rebuilds. */
export const PLAYGROUND_BUILD_ROOT = path.join(__dirname, '..', '.sandflow', 'playground');

/** The built playground: a directory and the files in it that may be served. */
export interface PlaygroundBuild {
  readonly dir: string;
  /** File names relative to dir, e.g. "main.js"; anything else is not served. */
  readonly files: ReadonlySet<string>;
}

/**
 * Bundles the playground (Monaco from node_modules, no CDN) with esbuild into
 * .sandflow/playground/<hash>/, unless that build already exists. Several processes may build
 * at once: each writes its own temporary directory and renames it into place, so a reader
 * never sees half a build.
 */
export async function buildPlayground(logger: Logger): Promise<PlaygroundBuild> {
  const hash = await sourceHash();
  const dir = path.join(PLAYGROUND_BUILD_ROOT, hash);
  if (!(await exists(path.join(dir, 'index.html')))) {
    const started = Date.now();
    const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
    // Imported here: only a process that serves the playground pays for loading esbuild.
    const esbuild = await import('esbuild');
    await esbuild.build({
      entryPoints: {
        main: path.join(PLAYGROUND_SOURCE_DIR, 'main.ts'),
        'editor.worker': path.join(PLAYGROUND_SOURCE_DIR, 'editor-worker.ts'),
      },
      bundle: true,
      format: 'esm',
      target: 'es2022',
      minify: true,
      outdir: tmp,
      loader: { '.ttf': 'file' },
      // Relative to main.css, which the page loads from /playground/.
      assetNames: '[name]-[hash]',
      logLevel: 'silent',
    });
    await fs.copyFile(path.join(PLAYGROUND_SOURCE_DIR, 'index.html'), path.join(tmp, 'index.html'));
    await fs.copyFile(path.join(PLAYGROUND_SOURCE_DIR, 'style.css'), path.join(tmp, 'style.css'));
    try {
      await fs.rename(tmp, dir);
      logger.info({ dir, ms: Date.now() - started }, 'playground built');
    } catch (error) {
      // Another process renamed its build first; theirs is the same content.
      await fs.rm(tmp, { recursive: true, force: true });
      if (!(await exists(path.join(dir, 'index.html')))) throw error;
    }
  }
  return { dir, files: new Set(await fs.readdir(dir)) };
}

/** The playground's sources and the versions of what is bundled into it. */
async function sourceHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const name of (await fs.readdir(PLAYGROUND_SOURCE_DIR)).sort()) {
    hash.update(name).update(await fs.readFile(path.join(PLAYGROUND_SOURCE_DIR, name)));
  }
  for (const file of PLAYGROUND_SHARED_SOURCES) hash.update(file).update(await fs.readFile(file));
  for (const pkg of ['monaco-editor', 'graphql-ws', 'esbuild']) {
    // Their package.json files: exports maps hide them from require.resolve.
    hash.update(await fs.readFile(path.join(__dirname, '..', 'node_modules', pkg, 'package.json')));
  }
  return hash.digest('hex').slice(0, 16);
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}
