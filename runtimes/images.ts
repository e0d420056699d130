import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { extract, pack } from 'tar-stream';
import { DEFAULT_BASE_IMAGE } from '../common/base-image';
import type { Logger } from '../common/logger';
import type { LanguageDefinition } from './language';
import { FETCH_OUTPUT, FETCH_STAGE, fetchStage, HOST_CA_FILE } from './registry-archive';

/** Where every runtime image has the supervisor (sandbox/supervisor/). */
export const SUPERVISOR_PATH = '/usr/local/bin/sandflow-run';
/** First line of the language's `version` command, captured when the image is built. */
export const VERSION_FILE = '/etc/sandflow/version';
/** The unprivileged user every sandbox runs as; the images give it a passwd entry. */
export const SANDBOX_UID = 10001;

export { DEFAULT_BASE_IMAGE };
const SUPERVISOR_DIR = path.join(__dirname, '..', 'sandbox', 'supervisor');
/** The supervisor's sources, in a fixed order: the image tag hashes them in it. */
export const SUPERVISOR_FILES = ['protocol.h', 'main.c', 'frames.c', 'job.c', 'metering.c', 'process.c', 'wipe.c', 'report.c'];
const SUPERVISOR_UNITS = SUPERVISOR_FILES.filter((name) => name.endsWith('.c'));
/** Debian's bundle of the CAs this host trusts (with whatever a TLS-inspecting egress added). */
const HOST_CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

let supervisorSourceTexts: { name: string; text: string }[] | undefined;
function supervisorSources(): { name: string; text: string }[] {
  supervisorSourceTexts ??= SUPERVISOR_FILES.map((name) => ({
    name,
    text: readFileSync(path.join(SUPERVISOR_DIR, name), 'utf8'),
  }));
  return supervisorSourceTexts;
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function aptInstall(packages: readonly string[]): string {
  return (
    'RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ' +
    `${packages.map(shellQuote).join(' ')} && rm -rf /var/lib/apt/lists/*`
  );
}

/**
 * The Dockerfile of a language's image. The supervisor is compiled in a stage of its own
 * (identical for every language, so the build cache shares it) and copied in last, so a
 * change to it does not reinstall the language's packages. Toolchains from a registry
 * (`archives`) are fetched and checked in a stage of their own too (runtimes/registry-archive.ts).
 */
export function dockerfileFor(def: LanguageDefinition, baseImage: string = DEFAULT_BASE_IMAGE): string {
  const env = Object.entries({ HOME: '/tmp', ...def.env }).map(([k, v]) => `${k}=${shellQuote(v)}`);
  const versionCommand = ['env', ...env, ...def.version].map(shellQuote).join(' ');
  const archives = def.archives ?? [];
  return [
    `FROM ${baseImage} AS supervisor`,
    aptInstall(['gcc', 'libc6-dev']),
    `COPY ${SUPERVISOR_FILES.join(' ')} /build/`,
    `RUN gcc -O2 -static -Wall -Wextra -Werror -o /build/sandflow-run ${SUPERVISOR_UNITS.map((name) => `/build/${name}`).join(' ')}`,
    '',
    ...(archives.length > 0 ? [...fetchStage(archives, baseImage, aptInstall, shellQuote), ''] : []),
    `FROM ${baseImage}`,
    ...(def.packages.length > 0 ? [aptInstall(def.packages)] : []),
    ...(archives.length > 0 ? [`COPY --from=${FETCH_STAGE} ${FETCH_OUTPUT}/ /`] : []),
    // A passwd entry for the sandbox uid: some runtimes look the user up (user.home, Etc).
    `RUN useradd --uid ${SANDBOX_UID} --user-group --no-create-home --home-dir /tmp --shell /usr/sbin/nologin sandbox`,
    ...(def.dockerfile ?? []),
    `COPY --from=supervisor /build/sandflow-run ${SUPERVISOR_PATH}`,
    `RUN mkdir -p ${path.dirname(VERSION_FILE)} && (${versionCommand}) 2>&1 | head -n 1 > ${VERSION_FILE} && test -s ${VERSION_FILE}`,
    `LABEL sandflow.language=${def.id}`,
    '',
  ].join('\n');
}

/** `sandflow/<id>` with a version's `@` as `-` (`sandflow/go-1.19`): image names allow no `@`. */
export function imageRepository(def: Pick<LanguageDefinition, 'id'>): string {
  return `sandflow/${def.id.replace('@', '-')}`;
}

/**
 * `sandflow/<id>:<hash12>`, the hash covering everything the image is made of: the base
 * image's id, the Dockerfile and the supervisor's source. A changed recipe gets a new tag
 * (and a build); an unchanged one finds its image again.
 */
export function imageTag(def: LanguageDefinition, baseImageId: string, baseImage: string = DEFAULT_BASE_IMAGE): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([baseImageId, dockerfileFor(def, baseImage), supervisorSources()]))
    .digest('hex');
  return `${imageRepository(def)}:${hash.slice(0, 12)}`;
}

/** A language's image, ready to run. */
export interface RuntimeImage {
  /** The language's id. */
  id: string;
  /** Image tag to create sandboxes from. */
  image: string;
  /** First line the language's `version` command printed when the image was built. */
  version: string;
  /** True when this call built the image, false when it already existed. */
  built: boolean;
  /** Time spent on this language, building or finding it. */
  seconds: number;
  /** Image size as Docker reports it. */
  sizeBytes: number;
}

export interface EnsureImagesOptions {
  logger: Logger;
  /** Image to build FROM; default {@link DEFAULT_BASE_IMAGE} (config: SANDFLOW_BASE_IMAGE). */
  baseImage?: string;
  /** Builds at once. Default 2: the machines have two cores and builds are CPU-bound. */
  concurrency?: number;
}

function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { statusCode?: number }).statusCode === 404;
}

/**
 * The build's files. The host's CA bundle goes in only for the fetch stage; it is left out of
 * the tag hash on purpose: what the stage fetches is pinned by hash, whoever vouched for TLS.
 */
function buildContext(dockerfile: string, def: LanguageDefinition): NodeJS.ReadableStream {
  const tar = pack();
  tar.entry({ name: 'Dockerfile' }, dockerfile);
  for (const { name, text } of supervisorSources()) tar.entry({ name }, text);
  if ((def.archives ?? []).length > 0)
    tar.entry({ name: HOST_CA_FILE }, existsSync(HOST_CA_BUNDLE) ? readFileSync(HOST_CA_BUNDLE) : '');
  tar.finalize();
  // tar-stream's streamx Readable has the pipe() that docker-modem uses on a build context.
  return tar as unknown as NodeJS.ReadableStream;
}

interface BuildEvent {
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
}

async function buildImage(docker: Docker, def: LanguageDefinition, tag: string, baseImage: string, log: Logger): Promise<void> {
  // 'host' networking is what lets RUN reach Debian's mirror and the registries: the engine has no bridge.
  const stream = await docker.buildImage(buildContext(dockerfileFor(def, baseImage), def), {
    t: tag,
    networkmode: 'host',
    rm: true,
    forcerm: true,
    pull: false,
    labels: { 'sandflow.language': def.id },
  });
  const tail: string[] = [];
  let failure: string | undefined;
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (err: Error | null) => (err ? reject(err) : resolve()),
      (event: BuildEvent) => {
        if (event.error) failure = event.errorDetail?.message ?? event.error;
        // Build steps' stderr arrives wrapped in terminal colour codes.
        for (const line of (event.stream ?? '').replace(/\x1b\[[0-9;]*m/g, '').split('\n')) {
          if (!line.trim()) continue;
          log.debug({ line }, 'build output');
          tail.push(line);
          if (tail.length > 25) tail.shift();
        }
      },
    );
  });
  if (failure !== undefined) {
    throw new Error(`building ${tag} failed: ${failure}\n--- last build output ---\n${tail.join('\n')}`);
  }
}

async function readFileFromImage(docker: Docker, image: string, file: string): Promise<string> {
  // Created, never started: reading a file out of it needs no process and no network.
  const container = await docker.createContainer({
    Image: image,
    Cmd: ['true'],
    NetworkDisabled: true,
    Labels: { sandflow: '1', 'sandflow.purpose': 'read-version' },
    HostConfig: { NetworkMode: 'none', AutoRemove: false },
  });
  try {
    const archive = await container.getArchive({ path: file });
    return await firstFileOfTar(archive);
  } finally {
    await container.remove({ force: true });
  }
}

function firstFileOfTar(archive: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const tar = extract();
    let content: string | undefined;
    tar.on('entry', (_header, entry, next) => {
      const chunks: Buffer[] = [];
      entry.on('data', (c: unknown) => chunks.push(Buffer.from(c as Uint8Array)));
      entry.on('end', () => {
        content ??= Buffer.concat(chunks).toString('utf8');
        next();
      });
      entry.on('error', reject);
    });
    tar.on('finish', () => (content === undefined ? reject(new Error('empty archive')) : resolve(content)));
    tar.on('error', reject);
    archive.pipe(tar);
  });
}

/** Removes the language's other tags: images of an older recipe, no longer wanted. */
async function removeOldTags(docker: Docker, def: LanguageDefinition, keep: string, log: Logger): Promise<void> {
  const repository = imageRepository(def);
  const images = await docker.listImages({ filters: JSON.stringify({ reference: [repository] }) });
  for (const tag of images.flatMap((i) => i.RepoTags ?? [])) {
    if (tag === keep || !tag.startsWith(`${repository}:`)) continue;
    try {
      await docker.getImage(tag).remove();
      log.info({ tag }, 'removed old runtime image');
    } catch (err) {
      // In use by a sandbox still running: the next build will try again.
      log.warn({ tag, err }, 'could not remove old runtime image');
    }
  }
}

async function ensureImage(
  docker: Docker,
  def: LanguageDefinition,
  baseImage: string,
  baseImageId: string,
  logger: Logger,
): Promise<RuntimeImage> {
  const started = Date.now();
  const image = imageTag(def, baseImageId, baseImage);
  const log = logger.child({ language: def.id, image });
  let built = false;
  let info;
  try {
    info = await docker.getImage(image).inspect();
  } catch (err) {
    if (!isNotFound(err)) throw err;
    log.info('building runtime image');
    await buildImage(docker, def, image, baseImage, log);
    info = await docker.getImage(image).inspect();
    built = true;
    await removeOldTags(docker, def, image, log);
  }
  const version = (await readFileFromImage(docker, image, VERSION_FILE)).split('\n', 1)[0]?.trim() ?? '';
  const seconds = (Date.now() - started) / 1000;
  log.info({ version, built, seconds }, built ? 'runtime image built' : 'runtime image found');
  return { id: def.id, image, version, built, seconds, sizeBytes: info.Size };
}

/**
 * Makes sure every language in `defs` has its image, building the missing ones, and tells
 * each one's tag and version. The version is read from {@link VERSION_FILE} inside the image
 * (a created, never started container), so finding an existing image runs nothing.
 * Throws once all languages were tried, naming every one that failed.
 */
export async function ensureImages(
  docker: Docker,
  defs: readonly LanguageDefinition[],
  opts: EnsureImagesOptions,
): Promise<RuntimeImage[]> {
  const baseImage = opts.baseImage ?? DEFAULT_BASE_IMAGE;
  let baseImageId: string;
  try {
    baseImageId = (await docker.getImage(baseImage).inspect()).Id;
  } catch (err) {
    if (!isNotFound(err)) throw err;
    throw new Error(`base image ${baseImage} does not exist; build it first (scripts/provision.sh does, with debootstrap)`);
  }
  const results: RuntimeImage[] = new Array<RuntimeImage>(defs.length);
  const failures: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < defs.length; i = next++) {
      const def = defs[i] as LanguageDefinition;
      try {
        results[i] = await ensureImage(docker, def, baseImage, baseImageId, opts.logger);
      } catch (err) {
        failures.push(`${def.id}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 2) }, worker));
  if (failures.length > 0) throw new Error(`runtime images failed:\n${failures.join('\n')}`);
  return results;
}
