/**
 * Shared by the sandbox suites (security and languages): real images, real containers,
 * files by value. The Docker runtime comes from SANDFLOW_TEST_RUNTIME ('runc' by default,
 * 'runsc' for gVisor).
 */
import type { Limits } from '../../common/limits';
import { logger } from '../../common/logger';
import { DockerSandbox, type SandboxFile, type SandboxMode, type SandboxResult, type SandboxSpec } from '../../sandbox';
import { ensureImages } from '../../runtimes/images';
import { languageById } from '../../runtimes/languages';
import type { LanguageDefinition } from '../../runtimes/language';
import { docker } from './docker';

export { docker } from './docker';

export const runtime = process.env.SANDFLOW_TEST_RUNTIME || 'runc';
export const gvisor = runtime === 'runsc';
/** 'warm' (default) reuses wiped containers, as a worker does; 'fresh' makes one per run. */
export const sandboxMode: SandboxMode = process.env.SANDFLOW_SANDBOX_MODE === 'fresh' ? 'fresh' : 'warm';
/** Labels every container of these suites carries, besides sandflow=1. */
export const TEST_LABELS = { 'sandflow.test': 'sandbox-suites' };

/**
 * Sandbox containers of these suites still there (labels sandflow=1 and {@link TEST_LABELS}):
 * other processes sharing the engine may have sandboxes of their own in flight.
 */
export async function leftoverContainers(): Promise<string[]> {
  const label = ['sandflow=1', ...Object.entries(TEST_LABELS).map(([k, v]) => `${k}=${v}`)];
  const containers = await docker.listContainers({ all: true, filters: { label } });
  return containers.map((c) => `${c.Id.slice(0, 12)} ${c.State} ${c.Command}`);
}

export function language(id: string): LanguageDefinition {
  const def = languageById(id);
  if (!def) throw new Error(`unknown language ${id}`);
  return def;
}

/** The images of these languages, built when missing; id → image tag. */
export async function imagesOf(ids: readonly string[]): Promise<Map<string, string>> {
  const built = await ensureImages(docker, ids.map(language), { logger });
  return new Map(built.map((i) => [i.id, i.image]));
}

let current: DockerSandbox | undefined;

/** The suite's sandbox, in {@link sandboxMode}, labelled with {@link TEST_LABELS}. */
export function sandbox(): DockerSandbox {
  current ??= new DockerSandbox(docker, { mode: sandboxMode, maxIdle: 4, labels: TEST_LABELS, logger });
  return current;
}

/**
 * The files of a /box, by name, as the sandbox takes them. {@link run} adds a compile's
 * artifacts to the array, as the judging activity keeps them for the runs.
 */
export function box(files: Readonly<Record<string, string | Buffer>> = {}): SandboxFile[] {
  return Object.entries(files).map(([name, content]) => ({
    path: name,
    content: typeof content === 'string' ? Buffer.from(content) : content,
  }));
}

/** Removes the suite's warm containers. */
export async function removeScratch(): Promise<void> {
  const closing = current;
  current = undefined;
  await closing?.close();
}

export const LIMITS: Limits = { cpuTimeMs: 2000, wallTimeMs: 5000, memoryMb: 256, processes: 32, outputKb: 1024 };

export interface RunOptions {
  mode?: SandboxSpec['mode'];
  /** Compile mode: the artifacts to bring back. */
  collect?: readonly string[];
  stdin?: string | Buffer;
  limits?: Partial<Limits>;
  env?: Record<string, string>;
  tmpfsMb?: number;
}

/**
 * Runs `command` on `files` (a {@link box}, or the files to make one of); a compile's
 * artifacts join the box.
 */
export async function run(
  image: string,
  files: SandboxFile[] | Readonly<Record<string, string | Buffer>>,
  command: readonly string[],
  opts: RunOptions = {},
): Promise<SandboxResult> {
  const boxed = Array.isArray(files) ? files : box(files);
  const result = await sandbox().run({
    image,
    command,
    files: boxed,
    mode: opts.mode ?? 'run',
    ...(opts.collect ? { collect: opts.collect } : {}),
    ...(opts.stdin !== undefined ? { stdin: Buffer.from(opts.stdin) } : {}),
    ...(opts.env ? { env: opts.env } : {}),
    ...(opts.tmpfsMb ? { tmpfsMb: opts.tmpfsMb } : {}),
    limits: { ...LIMITS, ...opts.limits },
    runtime,
  });
  boxed.push(...result.artifacts);
  return result;
}

/** Compact view of a result for assertion messages. */
export function show(r: SandboxResult): string {
  return JSON.stringify({
    ...r,
    stdout: r.stdout.slice(0, 400),
    stderr: r.stderr.slice(0, 800),
    artifacts: r.artifacts.map((a) => `${a.path} (${a.content.length} B)`),
  });
}
