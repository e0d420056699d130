import { describe, expect, it } from 'vitest';
import { containerOptions, supervisorCommand } from '../../activities/sandbox/container-options';
import type { SandboxSpec } from '../../activities/sandbox/types';

const spec: SandboxSpec = {
  image: 'sandflow/python:abc',
  command: ['python3', 'main.py'],
  hostDir: '/work/box',
  mode: 'run',
  stdinFile: '/work/stdin',
  env: { PYTHONDONTWRITEBYTECODE: '1', SANDFLOW_NONCE: 'attempted-override' },
  limits: { cpuTimeMs: 1500, wallTimeMs: 4000, memoryMb: 128, processes: 16, outputKb: 64 },
  labels: { 'sandflow.submission': 's1' },
};

describe('supervisorCommand', () => {
  it('passes the limits, stdin and the copy step before the program', () => {
    expect(supervisorCommand(spec)).toEqual([
      '/usr/local/bin/sandflow-run',
      '--cpu-ms', '1500',
      '--wall-ms', '4000',
      '--output-bytes', String(64 * 1024),
      '--fsize-bytes', String(64 * 1024 * 1024),
      '--nofile', '512',
      '--stdin', '/sandflow/stdin',
      '--copy-from', '/src',
      '--',
      'python3', 'main.py',
    ]);
  });

  it('neither copies nor redirects stdin in compile mode without a stdin file', () => {
    const args = supervisorCommand({ ...spec, mode: 'compile', stdinFile: undefined });
    expect(args).not.toContain('--copy-from');
    expect(args).not.toContain('--stdin');
  });
});

describe('containerOptions', () => {
  const o = containerOptions(spec, 'n0nce');
  const host = o.HostConfig ?? {};

  it('locks the container down', () => {
    expect(host.NetworkMode).toBe('none');
    expect(o.NetworkDisabled).toBe(true);
    expect(host.CapDrop).toEqual(['ALL']);
    expect(host.SecurityOpt).toEqual(['no-new-privileges']);
    expect(host.ReadonlyRootfs).toBe(true);
    expect(host.Privileged).toBe(false);
    expect(o.User).toBe('10001:10001');
    expect(host.Memory).toBe(128 * 1024 * 1024);
    expect(host.MemorySwap).toBe(host.Memory);
    expect(host.PidsLimit).toBe(17);
    expect(host.AutoRemove).toBe(false);
    // The supervisor is pid 1 itself: docker-init would expose the nonce (see container-options.ts).
    expect(host.Init).toBe(false);
  });

  it('mounts the source read-only and the working dir as tmpfs in run mode', () => {
    expect(host.Mounts).toEqual([
      { Type: 'bind', Source: '/work/box', Target: '/src', ReadOnly: true },
      { Type: 'bind', Source: '/work/stdin', Target: '/sandflow/stdin', ReadOnly: true },
    ]);
    expect(Object.keys(host.Tmpfs ?? {}).sort()).toEqual(['/box', '/tmp']);
    expect(host.Tmpfs?.['/box']).toBe('rw,exec,nosuid,nodev,size=64m,uid=10001,gid=10001,mode=0755');
  });

  it('mounts hostDir read-write as the working dir in compile mode', () => {
    const c = containerOptions({ ...spec, mode: 'compile', stdinFile: undefined }, 'n');
    expect(c.HostConfig?.Mounts).toEqual([{ Type: 'bind', Source: '/work/box', Target: '/box', ReadOnly: false }]);
    expect(Object.keys(c.HostConfig?.Tmpfs ?? {})).toEqual(['/tmp']);
  });

  it('sets the environment, the nonce last so nothing overrides it', () => {
    expect(o.Env).toContain('HOME=/tmp');
    expect(o.Env).toContain('LANG=C.UTF-8');
    expect(o.Env).toContain('PYTHONDONTWRITEBYTECODE=1');
    expect(o.Env?.filter((e) => e.startsWith('SANDFLOW_NONCE='))).toEqual(['SANDFLOW_NONCE=n0nce']);
    expect(o.Labels).toEqual({ 'sandflow.submission': 's1', sandflow: '1' });
  });

  it('limits processes with RLIMIT_NPROC under gVisor, whose own threads fill the pids cgroup', () => {
    const g = containerOptions({ ...spec, runtime: 'runsc' }, 'n').HostConfig ?? {};
    expect(g.Runtime).toBe('runsc');
    expect(g.Ulimits).toContainEqual({ Name: 'nproc', Soft: 17, Hard: 17 });
    expect(g.PidsLimit).toBeGreaterThan(17);
  });
});
