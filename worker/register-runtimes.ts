import type Docker from 'dockerode';
import type { DataSource } from 'typeorm';
import type { Config } from '../common/config';
import type { Logger } from '../common/logger';
import { RuntimeEntity } from '../db/runtime-entity';
import { ensureImages, type RuntimeImage } from '../runtimes/images';
import { servedLanguages } from '../runtimes/served-languages';

/**
 * Makes sure this host has an image for every served language (building what is missing),
 * and records each version so the API can list languages without Docker access.
 *
 * @param config The languages to serve (SANDFLOW_LANGUAGES, checked by config; all when unset) and the base image.
 */
export async function registerRuntimes(
  docker: Docker,
  dataSource: DataSource,
  logger: Logger,
  config: Pick<Config, 'languages' | 'baseImage'>,
): Promise<Map<string, RuntimeImage>> {
  const built = await ensureImages(docker, servedLanguages(config), { logger, baseImage: config.baseImage });
  const now = new Date().toISOString();
  await dataSource.getRepository(RuntimeEntity).upsert(
    built.map((b) => ({ language: b.id, version: b.version, image: b.image, updatedAt: now })),
    ['language'],
  );
  return new Map(built.map((b) => [b.id, b]));
}
