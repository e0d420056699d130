import type { ContainerCreateOptions } from 'dockerode';
import { SANDBOX_UID, SUPERVISOR_PATH } from '../runtimes/images';
import type { SandboxSpec } from './types';

/** The program's working directory inside the container. */
export const WORK_DIR = '/box';

export const DEFAULT_TMPFS_MB = 64;
/** Files and directories each tmpfs may hold: compilers need hundreds, nothing needs more. */
export const TMPFS_INODES = 16_384;
/** Open files of the supervisor and the program; JVMs and compilers need some dozens. */
export const NOFILE = 512;
/** Most bytes of artifacts one compile may bring back to the host. */
export const COLLECT_BYTES = 64 * 1024 * 1024;

/**
 * gVisor (runtime 'runsc') runs the whole sandbox as one host process, the Sentry, whose
 * own threads count against the pids cgroup: a limit sized for the program kills it at
 * start. There the cgroup only bounds the Sentry, and the program's process count is
 * enforced by RLIMIT_NPROC, which gVisor accounts per sandbox. (Under runc RLIMIT_NPROC
 * would count every process of uid 10001 on the host, so the pids cgroup does it.)
 */
const GVISOR_PIDS_LIMIT = 512;

const MIB = 1024 * 1024;
const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * What a container is made with, fixed for its life: a warm container serves only jobs of
 * the same shape, so every limit a job asks for is exactly the container's.
 */
export interface ContainerShape {
  image: string;
  runtime: string;
  memoryMb: number;
  processes: number;
  tmpfsMb: number;
  env: Readonly<Record<string, string>>;
}

export function shapeOf(spec: SandboxSpec): ContainerShape {
  return {
    image: spec.image,
    runtime: spec.runtime ?? 'runc',
    memoryMb: spec.limits.memoryMb,
    processes: spec.limits.processes,
    tmpfsMb: spec.tmpfsMb ?? DEFAULT_TMPFS_MB,
    env: spec.env ?? {},
  };
}

/** Equal for shapes whose containers are interchangeable. */
export function shapeKey(shape: ContainerShape): string {
  const env = Object.entries(shape.env).sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([shape.image, shape.runtime, shape.memoryMb, shape.processes, shape.tmpfsMb, env]);
}

export function outputLimitBytes(spec: SandboxSpec): number {
  return spec.limits.outputKb * 1024;
}

function tmpfsOptions(sizeMb: number): string {
  // exec: compiled programs run from /box, and compilers run helpers out of /tmp.
  return `rw,exec,nosuid,nodev,size=${sizeMb}m,nr_inodes=${TMPFS_INODES},uid=${SANDBOX_UID},gid=${SANDBOX_UID},mode=0755`;
}

/** The per-job options of sandflow-run, then the program's argv. */
export function jobArgs(spec: SandboxSpec): string[] {
  const { limits } = spec;
  const collect = spec.mode === 'compile' ? (spec.collect ?? []) : [];
  return [
    '--cpu-ms',
    String(limits.cpuTimeMs),
    '--wall-ms',
    String(limits.wallTimeMs),
    '--output-bytes',
    String(outputLimitBytes(spec)),
    '--fsize-bytes',
    String((spec.tmpfsMb ?? DEFAULT_TMPFS_MB) * MIB),
    '--nofile',
    String(NOFILE),
    ...collect.flatMap((pattern) => ['--collect', pattern]),
    ...(collect.length > 0 ? ['--collect-bytes', String(COLLECT_BYTES)] : []),
    '--',
    ...spec.command,
  ];
}

/**
 * A sandbox container: no network, no capabilities, no privilege gain, read-only root,
 * unprivileged uid, memory without swap, a process cap, one CPU, and no host directory
 * mounted at all: files travel over the supervisor's stdin and stdout.
 *
 * No Docker init: sandflow-run is pid 1 itself. docker-init as pid 1 runs as the sandbox
 * uid and is dumpable, so the program could reach its fds through /proc/1. As pid 1,
 * sandflow-run reaps every orphan and cannot be killed from inside.
 */
export function containerOptions(
  shape: ContainerShape,
  labels: Readonly<Record<string, string>>,
  nonce: string,
): ContainerCreateOptions {
  const gvisor = shape.runtime === 'runsc';
  // The supervisor is one process of the container's; the program tree gets the rest.
  const tasks = shape.processes + 1;
  // The nonce last, so nothing overrides it; the supervisor scrubs it before anything runs.
  const env = { HOME: '/tmp', TMPDIR: '/tmp', LANG: 'C.UTF-8', PATH, ...shape.env, SANDFLOW_NONCE: nonce };
  const tmpfsBytes = shape.tmpfsMb * MIB;
  return {
    Image: shape.image,
    Entrypoint: [],
    Cmd: [SUPERVISOR_PATH, '--serve'],
    Env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
    WorkingDir: WORK_DIR,
    User: `${SANDBOX_UID}:${SANDBOX_UID}`,
    Hostname: 'sandbox',
    Labels: { ...labels, sandflow: '1' },
    NetworkDisabled: true,
    // Jobs go in on stdin and results come out on stdout, over one attach connection.
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    OpenStdin: true,
    StdinOnce: false,
    Tty: false,
    HostConfig: {
      Runtime: shape.runtime,
      NetworkMode: 'none',
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      Privileged: false,
      ReadonlyRootfs: true,
      Init: false,
      AutoRemove: false,
      IpcMode: 'private',
      Memory: shape.memoryMb * MIB,
      MemorySwap: shape.memoryMb * MIB,
      PidsLimit: gvisor ? GVISOR_PIDS_LIMIT : tasks,
      NanoCpus: 1e9,
      Ulimits: [
        { Name: 'nofile', Soft: NOFILE, Hard: NOFILE },
        { Name: 'fsize', Soft: tmpfsBytes, Hard: tmpfsBytes },
        { Name: 'core', Soft: 0, Hard: 0 },
        ...(gvisor ? [{ Name: 'nproc', Soft: tasks, Hard: tasks }] : []),
      ],
      Tmpfs: { '/tmp': tmpfsOptions(shape.tmpfsMb), [WORK_DIR]: tmpfsOptions(shape.tmpfsMb) },
      // Output travels over the attach stream only; nothing is written to Docker's log files.
      LogConfig: { Type: 'none', Config: {} },
    },
  };
}
