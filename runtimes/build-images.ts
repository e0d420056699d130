/**
 * Builds the runtime image of every language, or of those listed in SANDFLOW_LANGUAGES
 * (comma-separated ids), reusing images whose recipe is unchanged.
 *
 *   npx tsx runtimes/build-images.ts
 *
 * Prints one line per language: id, image, built or reused, seconds, size, version.
 * Exits 1 when a build fails, 2 when the configuration is invalid (e.g. SANDFLOW_LANGUAGES names an unknown language).
 */
import Docker from 'dockerode';
import { loadConfig, type Config } from '../common/config';
import { logger } from '../common/logger';
import { ensureImages } from './images';
import type { LanguageDefinition } from './language';
import { servedLanguages } from './served-languages';

async function main(): Promise<void> {
  let config: Config;
  let defs: LanguageDefinition[];
  try {
    config = loadConfig();
    defs = servedLanguages(config);
  } catch (err) {
    process.stderr.write(`build-images: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
  const log = logger.child({ component: 'build-images' });
  const started = Date.now();
  try {
    const images = await ensureImages(new Docker(), defs, { logger: log, baseImage: config.baseImage });
    for (const i of images) {
      const size = `${Math.round(i.sizeBytes / 1e6)}MB`;
      process.stdout.write(
        `${i.id.padEnd(13)} ${i.image.padEnd(32)} ${(i.built ? 'built' : 'reused').padEnd(6)} ` +
          `${i.seconds.toFixed(1).padStart(6)}s ${size.padStart(7)}  ${i.version}\n`,
      );
    }
    process.stdout.write(`${images.length} image(s) ready in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
  } catch (err) {
    process.stderr.write(`build-images: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}

void main();
