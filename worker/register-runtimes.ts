import type Docker from 'dockerode';
import type { DataSource } from 'typeorm';
import type { Logger } from '../common/logger';
import { RuntimeEntity } from '../db/runtime-entity';
import { ensureImages, type RuntimeImage } from '../runtimes/images';
import { languages } from '../runtimes/languages';

/**
 * Makes sure this host has an image for every served language (building what is missing),
 * and records each version so the API can list languages without Docker access.
 *
 * @param only Language ids to serve; every known language when undefined.
 */
export async function registerRuntimes(
  docker: Docker,
  dataSource: DataSource,
  logger: Logger,
  only?: readonly string[],
): Promise<Map<string, RuntimeImage>> {
  const unknown = only?.filter((id) => !languages.some((l) => l.id === id)) ?? [];
  if (unknown.length > 0) throw new Error(`SANDFLOW_LANGUAGES names unknown languages: ${unknown.join(', ')}`);
  const wanted = only ? languages.filter((l) => only.includes(l.id)) : languages;
  const built = await ensureImages(docker, wanted, { logger });
  const now = new Date().toISOString();
  await dataSource
    .getRepository(RuntimeEntity)
    .upsert(built.map((b) => ({ language: b.id, version: b.version, image: b.image, updatedAt: now })), ['language']);
  return new Map(built.map((b) => [b.id, b]));
}
