/**
 * CPU time of the machine and of its long-lived processes, read from /proc (Linux only), so a
 * benchmark can say where the CPU of a burst went. Times are in clock ticks until
 * {@link cpuPerSubmission} turns them into ms.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** A named set of processes whose CPU is counted together, e.g. dockerd. */
export interface ProcessGroup {
  name: string;
  pids: readonly number[];
}

export interface CpuSnapshot {
  /** Ticks per group: utime+stime of each process plus cutime+cstime of the children it reaped. */
  groups: Record<string, number>;
  /** Ticks the machine spent not idle (user, nice, system, irq, softirq, steal) over all cores. */
  machineBusy: number;
  /** All ticks over all cores, idle included. */
  machineTotal: number;
}

export interface CpuRow {
  name: string;
  /** ms of CPU per submission. */
  msPerSubmission: number;
}

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // The process exited between listing and reading: it counts as nothing.
    return '';
  }
}

/** utime+stime+cutime+cstime of one process, 0 when it is gone. */
export function processTicks(pid: number): number {
  const stat = readOrEmpty(`/proc/${pid}/stat`);
  // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state); utime, stime, cutime, cstime are fields 14 to 17.
  return [11, 12, 13, 14].reduce((sum, i) => sum + (Number(rest[i]) || 0), 0);
}

function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1, 9).map(Number) ?? [];
  // user nice system idle iowait irq softirq steal (guest time is already inside user)
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = cpu;
  const busy = user + nice + system + irq + softirq + steal;
  return { busy, total: busy + idle + iowait };
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

/** Processes whose command name (/proc/PID/comm) is exactly `comm`. */
export function pidsByName(comm: string): number[] {
  return allPids().filter((pid) => readOrEmpty(`/proc/${pid}/comm`).trim() === comm);
}

/** The processes listening on TCP `port` (IPv4 or IPv6), found through their socket inodes. */
export function pidsListeningOn(port: number): number[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readOrEmpty(table).split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // f[1] local address:port, f[3] state (0A = LISTEN), f[9] inode
      if (f[1]?.endsWith(`:${hexPort}`) && f[3] === '0A' && f[9]) inodes.add(`socket:[${f[9]}]`);
    }
  }
  if (inodes.size === 0) return [];
  return allPids().filter((pid) => {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      return false;
    }
    return fds.some((fd) => {
      try {
        return inodes.has(readlinkSync(`/proc/${pid}/fd/${fd}`));
      } catch {
        return false;
      }
    });
  });
}

export function snapshot(groups: readonly ProcessGroup[]): CpuSnapshot {
  const ticks: Record<string, number> = {};
  for (const group of groups) ticks[group.name] = group.pids.reduce((sum, pid) => sum + processTicks(pid), 0);
  const machine = machineTicks();
  return { groups: ticks, machineBusy: machine.busy, machineTotal: machine.total };
}

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticksPerSecond;
}

/**
 * ms of CPU per submission between two snapshots: one row per group, then 'rest of the machine'
 * (busy ticks no group accounts for: short-lived processes such as containerd shims, runc and
 * the programs, the kernel, and anything else running on the machine) and 'machine total'.
 */
/** How busy the machine's cores were between two snapshots, 0 to 1. */
export function machineUtilization(before: CpuSnapshot, after: CpuSnapshot): number {
  return (after.machineBusy - before.machineBusy) / Math.max(1, after.machineTotal - before.machineTotal);
}

export function cpuPerSubmission(before: CpuSnapshot, after: CpuSnapshot, submissions: number): CpuRow[] {
  const ms = (ticks: number) => (ticks * 1000) / clockTicks() / Math.max(1, submissions);
  const rows = Object.keys(after.groups).map((name) => ({ name, ticks: (after.groups[name] ?? 0) - (before.groups[name] ?? 0) }));
  const busy = after.machineBusy - before.machineBusy;
  const accounted = rows.reduce((sum, r) => sum + r.ticks, 0);
  return [
    ...rows.map((r) => ({ name: r.name, msPerSubmission: ms(r.ticks) })),
    { name: 'rest of the machine', msPerSubmission: ms(Math.max(0, busy - accounted)) },
    { name: 'machine total', msPerSubmission: ms(busy) },
  ];
}
