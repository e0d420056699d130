import type Docker from 'dockerode';
import { logger as rootLogger, type Logger } from '../common/logger';
import { COLLECT_BYTES, jobArgs, outputLimitBytes, shapeKey, shapeOf, type ContainerShape } from './container-options';
import { endingOf, type Ending } from './engine-events';
import { describeError, SandboxInfrastructureError } from './errors';
import { artifactsOf, jobFilesOf } from './job-files';
import { interpretOutcome, type JobDeath } from './outcome';
import { SandboxContainer } from './sandbox-container';
import type { JobFile } from './job';
import type { RunSandboxOptions, Sandbox, SandboxFile, SandboxResult, SandboxSpec } from './types';

export type SandboxMode = 'warm' | 'fresh';

export interface DockerSandboxOptions {
  /**
   * 'warm' (default): containers are kept after a clean job and serve the next job of the same
   * shape (image, memory, processes, tmpfs, environment); 'fresh': one container per job.
   */
  mode?: SandboxMode;
  /** Idle containers kept at most, over all shapes; the worker's sandbox slots. Default 2. */
  maxIdle?: number;
  /** Jobs one container serves before it is retired. Default 200. */
  maxUses?: number;
  /** A container older than this is retired after its job. Default 5 minutes. */
  maxAgeMs?: number;
  /** An idle container not used for this long is removed, so unused languages hold no memory. Default 60 s. */
  idleMs?: number;
  /** Labels of every container, besides sandflow=1 (e.g. the worker id, for the sweeper). */
  labels?: Readonly<Record<string, string>>;
  logger?: Logger;
}

const DEFAULT_BACKSTOP_GRACE_MS = 3000;
const DEFAULT_MAX_IDLE = 2;
const DEFAULT_MAX_USES = 200;
const DEFAULT_MAX_AGE_MS = 5 * 60_000;
const DEFAULT_IDLE_MS = 60_000;
/** Room on stderr, past the program's output limit, for the supervisor's own notes. */
const STDERR_ROOM_BYTES = 4096;
const IDLE_CHECK_MS = 5000;
/** How long after an unexplained container death the engine must still answer for the death to be the program's. */
const ENGINE_GONE_GRACE_MS = 1000;
/** How long the engine's event log is given to record an OOM kill that came with the container's exit. */
const OOM_EVENT_GRACE_MS = 500;

/** The compile's collected files as its artifacts; a refused one fails the job as the sandbox's fault. */
function keptArtifacts(files: readonly JobFile[]): SandboxFile[] {
  try {
    return artifactsOf(files);
  } catch (err) {
    throw new SandboxInfrastructureError(`cannot keep the compiler's output: ${describeError(err)}`, { cause: err });
  }
}

interface Idle {
  container: SandboxContainer;
  since: number;
}

/**
 * The sandbox on a Docker engine: hardened containers running sandflow-run, kept warm and
 * wiped between jobs (or made fresh for each). Jobs of different submissions may share a
 * container only after the supervisor reported it clean: every process gone, every writable
 * place emptied. Any doubt retires it.
 */
export class DockerSandbox implements Sandbox {
  readonly mode: SandboxMode;
  private readonly idle = new Map<string, Idle[]>();
  /** Containers serving a job now. */
  private readonly busy = new Set<SandboxContainer>();
  /** The engine stopped answering: nothing is prewarmed until it is back. */
  private engineDown = false;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly labels: Readonly<Record<string, string>>;
  private readonly log: Logger;
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly docker: Docker,
    private readonly options: DockerSandboxOptions = {},
  ) {
    this.mode = options.mode ?? 'warm';
    this.labels = options.labels ?? {};
    this.log = (options.logger ?? rootLogger).child({ component: 'sandbox', mode: this.mode });
    this.timer = setInterval(() => this.evictIdle(), IDLE_CHECK_MS);
    this.timer.unref();
  }

  async run(spec: SandboxSpec, opts: RunSandboxOptions = {}): Promise<SandboxResult> {
    if (this.closed) throw new SandboxInfrastructureError('the sandbox is closed');
    const log = (opts.logger ?? this.log).child({ component: 'sandbox', image: spec.image, mode: spec.mode });
    const files = jobFilesOf(spec.files);
    const shape = shapeOf(spec);
    const key = shapeKey(shape);
    const container = this.take(key) ?? (await SandboxContainer.start(this.docker, shape, this.labels, log));
    this.busy.add(container);
    try {
      const outputBytes = outputLimitBytes(spec);
      const job = await container.run(
        { args: jobArgs(spec), files, ...(spec.stdin ? { stdin: spec.stdin } : {}) },
        {
          caps: { stdout: outputBytes, stderr: outputBytes + STDERR_ROOM_BYTES, files: COLLECT_BYTES },
          backstopMs: spec.limits.wallTimeMs + (opts.backstopGraceMs ?? DEFAULT_BACKSTOP_GRACE_MS),
          ...(opts.signal ? { signal: opts.signal } : {}),
          ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
        },
      );
      if (job.death && !job.hostStop && !job.death.oomKilled) job.death = await this.explainDeath(container, job.death);
      const outcome = interpretOutcome({ ...job, limits: spec.limits });
      const compiled = spec.mode === 'compile' && outcome.exitCode === 0 && outcome.limitExceeded === null;
      const result: SandboxResult = { ...outcome, artifacts: compiled ? keptArtifacts(job.files) : [] };
      log.debug(
        {
          exitCode: result.exitCode,
          signal: result.signal,
          limit: result.limitExceeded,
          cpuMs: result.cpuTimeMs,
          uses: container.uses,
        },
        'sandbox job finished',
      );
      return result;
    } finally {
      this.busy.delete(container);
      this.giveBack(key, container, shape);
    }
  }

  /**
   * The engine stopped answering: its containers die with it (a restarted engine does not start
   * them again), so no idle one may be handed out. They are forgotten, not removed (removal
   * would fail); {@link engineBack} removes them from the engine.
   */
  engineLost(): void {
    this.engineDown = true;
    this.idle.clear();
  }

  /**
   * The engine answers again: removes this sandbox's containers (by its labels) that it does not
   * hold, made before the outage began: the idle ones it forgot and the ones whose jobs the
   * outage broke. Returns how many went.
   */
  async engineBack(downSince: number): Promise<number> {
    this.engineDown = false;
    const held = new Set([...this.busy, ...[...this.idle.values()].flat().map((entry) => entry.container)].map((c) => c.id));
    const label = ['sandflow=1', ...Object.entries(this.labels).map(([k, v]) => `${k}=${v}`)];
    const left = await this.docker.listContainers({ all: true, filters: JSON.stringify({ label }) });
    let removed = 0;
    for (const c of left) {
      if (held.has(c.Id) || c.Created * 1000 >= downSince) continue;
      try {
        await this.docker.getContainer(c.Id).remove({ force: true, v: true });
        removed++;
      } catch (err) {
        if ((err as { statusCode?: number }).statusCode !== 404)
          this.log.warn(
            { container: c.Id.slice(0, 12), err: describeError(err) },
            'could not remove a sandbox the engine outage left',
          );
      }
    }
    if (removed > 0) this.log.info({ removed }, 'removed sandboxes the engine outage left behind');
    return removed;
  }

  /**
   * A container that died without a report, not stopped by us, and not flagged OOM-killed by its
   * engine: the engine's event log may still name the OOM killer (a late flag, as under gVisor),
   * which is the program's verdict. Otherwise the engine may have stopped it (shutting down, or an
   * operator's `docker stop`), or it went down with the engine: no verdict on the program, so the
   * job fails as infrastructure and is retried.
   */
  private async explainDeath(container: SandboxContainer, death: JobDeath): Promise<JobDeath> {
    const diedAt = Date.now();
    let ending: Ending;
    try {
      // Since the container was made: a stopping engine sends SIGTERM to idle warm containers too,
      // and kills them seconds later, in the middle of a job they took meanwhile. An oom event in
      // that span is this job's: a container whose job met the OOM killer takes no other job.
      ending = await endingOf(this.docker, container.id, container.createdAt, OOM_EVENT_GRACE_MS);
      if (ending.oomKilled) return { ...death, oomKilled: true };
      // A dying engine's containerd ends its containers without a stop event; its API goes soon after.
      if (!ending.stoppedByEngine) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, diedAt + ENGINE_GONE_GRACE_MS - Date.now())));
        await this.docker.ping();
      }
    } catch (err) {
      throw new SandboxInfrastructureError(`the engine went away while the sandbox ended: ${describeError(err)}`, { cause: err });
    }
    if (ending.stoppedByEngine) throw new SandboxInfrastructureError('the engine stopped the sandbox during the job');
    return death;
  }

  /** An idle, still usable container of this shape, if there is one. */
  private take(key: string): SandboxContainer | undefined {
    const list = this.idle.get(key);
    while (list && list.length > 0) {
      const { container } = list.pop() as Idle;
      if (container.usable) return container;
      this.track(container.remove());
    }
    return undefined;
  }

  private giveBack(key: string, container: SandboxContainer, shape: ContainerShape): void {
    const keep =
      this.mode === 'warm' &&
      !this.closed &&
      container.usable &&
      container.uses < (this.options.maxUses ?? DEFAULT_MAX_USES) &&
      Date.now() - container.createdAt < (this.options.maxAgeMs ?? DEFAULT_MAX_AGE_MS);
    if (keep) {
      this.park(key, container);
      return;
    }
    this.track(container.remove());
    // A retired container of a shape in use is replaced off the request's path.
    if (this.mode === 'warm' && !this.closed && !this.engineDown) this.track(this.prewarm(key, shape));
  }

  private async prewarm(key: string, shape: ContainerShape): Promise<void> {
    if ((this.idle.get(key)?.length ?? 0) > 0) return;
    try {
      const container = await SandboxContainer.start(this.docker, shape, this.labels, this.log);
      if (this.closed) return void (await container.remove());
      this.park(key, container);
    } catch (err) {
      this.log.warn({ err: describeError(err) }, 'could not prewarm a sandbox');
    }
  }

  /** Makes a container idle, ready for the next job of its shape. */
  private park(key: string, container: SandboxContainer): void {
    const list = this.idle.get(key) ?? [];
    list.push({ container, since: Date.now() });
    this.idle.set(key, list);
    this.trimIdle();
  }

  /** Keeps at most maxIdle idle containers, removing the longest idle first. */
  private trimIdle(): void {
    const all = [...this.idle.entries()].flatMap(([key, list]) => list.map((entry) => ({ key, entry })));
    let excess = all.length - (this.options.maxIdle ?? DEFAULT_MAX_IDLE);
    for (const { key, entry } of all.sort((a, b) => a.entry.since - b.entry.since)) {
      if (excess-- <= 0) break;
      this.drop(key, entry);
    }
  }

  private evictIdle(): void {
    const idleMs = this.options.idleMs ?? DEFAULT_IDLE_MS;
    const maxAgeMs = this.options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    const now = Date.now();
    for (const [key, list] of this.idle) {
      for (const entry of [...list]) {
        if (now - entry.since > idleMs || now - entry.container.createdAt > maxAgeMs || !entry.container.usable)
          this.drop(key, entry);
      }
    }
  }

  private drop(key: string, entry: Idle): void {
    const list = this.idle.get(key) ?? [];
    list.splice(list.indexOf(entry), 1);
    if (list.length === 0) this.idle.delete(key);
    this.track(entry.container.remove());
  }

  private track(p: Promise<unknown>): void {
    const tracked = p.catch(() => undefined).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  /** Idle containers now, per shape key; for tests and metrics. */
  idleCount(): number {
    return [...this.idle.values()].reduce((n, list) => n + list.length, 0);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    for (const [key, list] of this.idle) for (const entry of [...list]) this.drop(key, entry);
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
