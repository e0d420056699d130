import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import type { Logger } from '../common/logger';
import { CappedBuffer } from './capped-buffer';
import { containerOptions, type ContainerShape } from './container-options';
import { describeError, SandboxAbortedError, SandboxInfrastructureError } from './errors';
import { FrameParser, RawFrameParser } from './frames';
import { decodeFile, encodeJob, type JobFile, type SupervisorJob } from './job';
import type { JobDeath } from './outcome';
import { parseReport, type SupervisorReport } from './report';

/** sandflow-run's frame types on its stdout. */
export const OUT = { stdout: 1, stderr: 2, file: 3, report: 4 } as const;
/** Random bytes of a container's nonce; its hex must fit sandflow-run's MAX_NONCE. */
export const NONCE_BYTES = 16;
/** The supervisor's own messages kept for a diagnosis when it dies. */
const DIAGNOSTIC_BYTES = 4096;
const PROGRESS_INTERVAL_MS = 1000;
/** A report is a few hundred bytes; more is not the supervisor's. */
const REPORT_BYTES = 64 * 1024;

export interface JobControl {
  /** Caps of what the host keeps; more means the supervisor is not in control and the container goes. */
  caps: { stdout: number; stderr: number; files: number };
  signal?: AbortSignal;
  onProgress?: () => void;
  /** The host kills the container this long after the job was sent. */
  backstopMs: number;
}

/** What one job left: the supervisor's report, or the container's death. */
export interface JobResult {
  stdout: Buffer;
  stderr: Buffer;
  files: JobFile[];
  report: SupervisorReport | null;
  death?: JobDeath;
  hostStop: 'backstop' | 'output' | null;
  hostWallMs: number;
}

interface CurrentJob {
  stdout: CappedBuffer;
  stderr: CappedBuffer;
  files: JobFile[];
  caps: JobControl['caps'];
  /** Bytes of collected files so far. */
  fileBytes: number;
  /** The file or report frame being gathered. */
  pending: Buffer[];
  pendingBytes: number;
  finish: (report: SupervisorReport | null) => void;
}

/**
 * One running sandbox container and its supervisor (sandflow-run --serve), reached over a
 * single attach connection: jobs are written to its stdin, frames read from its stdout.
 * It serves one job at a time; once it reported unclean, died or was killed it serves none.
 */
export class SandboxContainer {
  readonly createdAt = Date.now();
  /** Jobs served so far. */
  uses = 0;
  private alive = true;
  private current: CurrentJob | null = null;
  private readonly diagnostics = new CappedBuffer(DIAGNOSTIC_BYTES);
  private readonly ended: Promise<void>;
  private removal: Promise<void> | null = null;

  private constructor(
    private readonly container: Docker.Container,
    private readonly stream: Duplex,
    private readonly nonce: string,
    private readonly log: Logger,
  ) {
    const protocol = new RawFrameParser({
      data: (type, payload) => this.onData(type, payload),
      end: (type) => this.onFrameEnd(type),
    });
    const docker = new FrameParser((which, payload) => {
      if (which === 'stdout') protocol.push(payload);
      else this.diagnostics.push(payload);
    });
    this.ended = new Promise<void>((resolve) => {
      stream.on('data', (chunk: Buffer) => docker.push(chunk));
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', (err: unknown) => {
        log.warn({ err: describeError(err) }, 'sandbox attach stream failed');
        resolve();
      });
    }).then(() => {
      this.alive = false;
      this.current?.finish(null);
    });
  }

  get id(): string {
    return this.container.id;
  }

  /** True while it may take another job. */
  get usable(): boolean {
    return this.alive && this.current === null;
  }

  /** Creates, attaches to and starts a container of `shape`. */
  static async start(
    docker: Docker,
    shape: ContainerShape,
    labels: Readonly<Record<string, string>>,
    logger: Logger,
  ): Promise<SandboxContainer> {
    const nonce = randomBytes(NONCE_BYTES).toString('hex');
    let container: Docker.Container;
    try {
      container = await docker.createContainer(containerOptions(shape, labels, nonce));
    } catch (err) {
      throw new SandboxInfrastructureError(`cannot create a sandbox from ${shape.image}: ${describeError(err)}`, { cause: err });
    }
    const log = logger.child({ container: container.id.slice(0, 12) });
    try {
      // Attached before start, so not one byte is missed; hijacked, so stdin can be written.
      const stream = (await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true })) as Duplex;
      const sandbox = new SandboxContainer(container, stream, nonce, log);
      await container.start();
      return sandbox;
    } catch (err) {
      await container.remove({ force: true, v: true }).catch(() => undefined);
      throw new SandboxInfrastructureError(`cannot start a sandbox from ${shape.image}: ${describeError(err)}`, { cause: err });
    }
  }

  private onData(type: number, payload: Buffer): void {
    const job = this.current;
    if (!job) return;
    if (type === OUT.stdout || type === OUT.stderr) {
      if (!(type === OUT.stdout ? job.stdout : job.stderr).push(payload)) this.hostStop('output');
      return;
    }
    // Files and the report are gathered whole, so they are capped here: under gVisor a program
    // can write frames of its own into the channel, and must not make the worker hold them.
    job.pendingBytes += payload.length;
    const cap = type === OUT.file ? job.caps.files : type === OUT.report ? REPORT_BYTES : 0;
    if (job.pendingBytes > cap || (type === OUT.file && job.fileBytes + job.pendingBytes > job.caps.files)) {
      job.pending = [];
      this.hostStop('output');
      return;
    }
    job.pending.push(Buffer.from(payload));
  }

  private onFrameEnd(type: number): void {
    const job = this.current;
    if (!job || (type !== OUT.file && type !== OUT.report)) return;
    const payload = Buffer.concat(job.pending);
    job.pending = [];
    job.pendingBytes = 0;
    if (type === OUT.file) job.fileBytes += payload.length;
    if (type === OUT.file) {
      job.files.push(decodeFile(payload));
      return;
    }
    const report = parseReport(payload, this.nonce);
    if (!report) {
      // Not the supervisor's: the program reached the channel. Nothing more from it is trusted.
      this.log.warn('a report without the nonce: retiring the sandbox');
      this.alive = false;
      this.container
        .kill({ signal: 'SIGKILL' })
        .catch((err: unknown) => this.log.debug({ err: describeError(err) }, 'kill failed'));
      return;
    }
    job.finish(report);
  }

  private stopReason: 'backstop' | 'output' | null = null;

  private hostStop(why: 'backstop' | 'output'): void {
    if (this.stopReason) return;
    this.stopReason = why;
    this.log.warn({ why }, 'killing sandbox from the host');
    this.alive = false;
    this.container
      .kill({ signal: 'SIGKILL' })
      .catch((err: unknown) => this.log.debug({ err: describeError(err) }, 'kill failed'));
  }

  /**
   * Runs one job. Resolves with the report, or with the container's death (its exit code and
   * OOM flag); rejects with {@link SandboxAbortedError} when aborted (the container is then
   * removed) and {@link SandboxInfrastructureError} when the engine fails us.
   */
  async run(job: Omit<SupervisorJob, 'nonce'>, control: JobControl): Promise<JobResult> {
    if (!this.usable) throw new Error('sandbox container is busy or gone');
    this.uses++;
    this.stopReason = null;
    let finish: (report: SupervisorReport | null) => void = () => {};
    const reported = new Promise<SupervisorReport | null>((resolve) => (finish = resolve));
    const current: CurrentJob = {
      stdout: new CappedBuffer(control.caps.stdout),
      stderr: new CappedBuffer(control.caps.stderr),
      files: [],
      caps: control.caps,
      fileBytes: 0,
      pending: [],
      pendingBytes: 0,
      finish,
    };
    this.current = current;
    const started = Date.now();
    const timers = [setTimeout(() => this.hostStop('backstop'), control.backstopMs)];
    if (control.onProgress) timers.push(setInterval(control.onProgress, PROGRESS_INTERVAL_MS));
    let onAbort = (): void => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(new SandboxAbortedError());
      control.signal?.addEventListener('abort', onAbort, { once: true });
    });
    aborted.catch(() => undefined);
    try {
      if (control.signal?.aborted) throw new SandboxAbortedError();
      this.stream.write(encodeJob({ ...job, nonce: this.nonce }));
      const reportedOne = await Promise.race([reported, aborted]);
      const hostWallMs = Date.now() - started;
      // Once the host had to step in, the supervisor was not in control: nothing it says counts.
      const report = this.stopReason === null ? reportedOne : null;
      const files = report ? current.files : [];
      const result: JobResult = {
        stdout: current.stdout.bytes(),
        stderr: current.stderr.bytes(),
        files,
        report,
        hostStop: this.stopReason,
        hostWallMs,
      };
      if (report && !report.clean) this.alive = false;
      if (!report) result.death = await this.death();
      return result;
    } catch (err) {
      this.alive = false;
      throw err;
    } finally {
      for (const t of timers) clearTimeout(t);
      control.signal?.removeEventListener('abort', onAbort);
      this.current = null;
    }
  }

  /** Why the container ended: asked of the engine once its stream closed. */
  private async death(): Promise<JobDeath> {
    await this.ended;
    try {
      const { State } = await this.container.inspect();
      if (State.Running) {
        // The stream broke but the container lives on: we cannot trust it with anything.
        await this.remove();
        throw new SandboxInfrastructureError('lost the connection to the sandbox');
      }
      return { stderr: this.diagnostics.bytes().toString('utf8'), exitCode: State.ExitCode, oomKilled: State.OOMKilled };
    } catch (err) {
      if (err instanceof SandboxInfrastructureError) throw err;
      throw new SandboxInfrastructureError(`cannot inspect the sandbox: ${describeError(err)}`, { cause: err });
    }
  }

  /** Kills and removes the container; safe to call more than once. */
  remove(): Promise<void> {
    this.alive = false;
    const removal =
      this.removal ??
      this.container.remove({ force: true, v: true }).then(
        () => void this.stream.destroy(),
        (err: unknown) => {
          this.stream.destroy();
          // 404 gone, 409 being removed: a sweeper got there first.
          const status = (err as { statusCode?: number }).statusCode;
          if (status !== 404 && status !== 409) this.log.error({ err: describeError(err) }, 'could not remove sandbox container');
        },
      );
    this.removal = removal;
    return removal;
  }
}
