import type { ContainerCreateOptions } from 'dockerode';
import { SANDBOX_UID, SUPERVISOR_PATH } from '../../runtimes/images';
import type { SandboxSpec } from './types';

/** The program's working directory inside the container. */
export const WORK_DIR = '/box';
/** Run mode: where hostDir is mounted read-only, to be copied into the tmpfs {@link WORK_DIR}. */
export const SOURCE_DIR = '/src';
/** Where spec.stdinFile is mounted read-only. */
export const STDIN_PATH = '/sandflow/stdin';

export const DEFAULT_TMPFS_MB = 64;
/** Open files of the supervisor and the program; JVMs and compilers need some dozens. */
export const NOFILE = 512;
/** Room on stderr, past the program's output limit, for the supervisor's report line. */
export const REPORT_ROOM_BYTES = 4096;

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

export function outputLimitBytes(spec: SandboxSpec): number {
  return spec.limits.outputKb * 1024;
}

function tmpfsOptions(sizeMb: number): string {
  // exec: compiled programs run from /box, and compilers run helpers out of /tmp.
  return `rw,exec,nosuid,nodev,size=${sizeMb}m,uid=${SANDBOX_UID},gid=${SANDBOX_UID},mode=0755`;
}

/** sandflow-run's argv: the limits it enforces, then the program's argv. */
export function supervisorCommand(spec: SandboxSpec): string[] {
  const { limits } = spec;
  const fsize = (spec.tmpfsMb ?? DEFAULT_TMPFS_MB) * MIB;
  return [
    SUPERVISOR_PATH,
    '--cpu-ms', String(limits.cpuTimeMs),
    '--wall-ms', String(limits.wallTimeMs),
    '--output-bytes', String(outputLimitBytes(spec)),
    '--fsize-bytes', String(fsize),
    '--nofile', String(NOFILE),
    ...(spec.stdinFile ? ['--stdin', STDIN_PATH] : []),
    ...(spec.mode === 'run' ? ['--copy-from', SOURCE_DIR] : []),
    '--',
    ...spec.command,
  ];
}

/**
 * The container of one sandboxed command: no network, no capabilities, no privilege gain,
 * read-only root, unprivileged uid, memory without swap, a process cap, one CPU.
 *
 * No Docker init: sandflow-run is pid 1 itself. docker-init as pid 1 runs as the sandbox
 * uid and is dumpable, so the program could read the nonce from /proc/1/environ and write
 * a forged report to /proc/1/fd/2 (seen on this engine). As pid 1, sandflow-run reaps
 * every orphan and cannot be killed from inside.
 */
export function containerOptions(spec: SandboxSpec, nonce: string): ContainerCreateOptions {
  const tmpfsMb = spec.tmpfsMb ?? DEFAULT_TMPFS_MB;
  const gvisor = spec.runtime === 'runsc';
  // The supervisor is one process of the container's; the program tree gets the rest.
  const tasks = spec.limits.processes + 1;
  const env = { HOME: '/tmp', TMPDIR: '/tmp', LANG: 'C.UTF-8', PATH, ...spec.env, SANDFLOW_NONCE: nonce };
  const mounts = [
    spec.mode === 'compile'
      ? { Type: 'bind' as const, Source: spec.hostDir, Target: WORK_DIR, ReadOnly: false }
      : { Type: 'bind' as const, Source: spec.hostDir, Target: SOURCE_DIR, ReadOnly: true },
    ...(spec.stdinFile ? [{ Type: 'bind' as const, Source: spec.stdinFile, Target: STDIN_PATH, ReadOnly: true }] : []),
  ];
  return {
    Image: spec.image,
    Entrypoint: [],
    Cmd: supervisorCommand(spec),
    Env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
    WorkingDir: WORK_DIR,
    User: `${SANDBOX_UID}:${SANDBOX_UID}`,
    Hostname: 'sandbox',
    Labels: { ...spec.labels, sandflow: '1' },
    NetworkDisabled: true,
    AttachStdin: false,
    AttachStdout: true,
    AttachStderr: true,
    OpenStdin: false,
    Tty: false,
    HostConfig: {
      Runtime: spec.runtime ?? 'runc',
      NetworkMode: 'none',
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      Privileged: false,
      ReadonlyRootfs: true,
      Init: false,
      AutoRemove: false,
      IpcMode: 'private',
      Memory: spec.limits.memoryMb * MIB,
      MemorySwap: spec.limits.memoryMb * MIB,
      PidsLimit: gvisor ? GVISOR_PIDS_LIMIT : tasks,
      NanoCpus: 1e9,
      Ulimits: [
        { Name: 'nofile', Soft: NOFILE, Hard: NOFILE },
        { Name: 'fsize', Soft: tmpfsMb * MIB, Hard: tmpfsMb * MIB },
        { Name: 'core', Soft: 0, Hard: 0 },
        ...(gvisor ? [{ Name: 'nproc', Soft: tasks, Hard: tasks }] : []),
      ],
      Tmpfs: {
        '/tmp': tmpfsOptions(tmpfsMb),
        ...(spec.mode === 'run' ? { [WORK_DIR]: tmpfsOptions(tmpfsMb) } : {}),
      },
      Mounts: mounts,
      // Output travels over the attach stream only; nothing is written to Docker's log files.
      LogConfig: { Type: 'none', Config: {} },
    },
  };
}
