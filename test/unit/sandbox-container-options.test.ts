import { describe, expect, it } from 'vitest';
import { containerOptions, jobArgs, shapeKey, shapeOf } from '../../sandbox/container-options';
import type { SandboxSpec } from '../../sandbox/types';

const spec: SandboxSpec = {
  image: 'sandflow/python:abc',
  command: ['python3', 'main.py'],
  files: [{ path: 'main.py', content: Buffer.from('print(1)\n') }],
  mode: 'run',
  stdin: Buffer.from('1 2\n'),
  env: { PYTHONDONTWRITEBYTECODE: '1' },
  limits: { cpuTimeMs: 1500, wallTimeMs: 4000, memoryMb: 128, processes: 16, outputKb: 64 },
};

describe('jobArgs', () => {
  it('passes the limits before the program', () => {
    expect(jobArgs(spec)).toEqual([
      '--cpu-ms',
      '1500',
      '--wall-ms',
      '4000',
      '--output-bytes',
      String(64 * 1024),
      '--fsize-bytes',
      String(64 * 1024 * 1024),
      '--nofile',
      '512',
      '--',
      'python3',
      'main.py',
    ]);
  });

  it('asks for the artifacts, size-capped, only in compile mode', () => {
    const compile = jobArgs({ ...spec, mode: 'compile', collect: ['main', '*.class'] });
    expect(compile.slice(10, 16)).toEqual([
      '--collect',
      'main',
      '--collect',
      '*.class',
      '--collect-bytes',
      String(64 * 1024 * 1024),
    ]);
    expect(jobArgs({ ...spec, collect: ['main'] })).not.toContain('--collect');
  });
});

describe('shapeKey', () => {
  it('tells apart containers that differ in anything a job cannot change', () => {
    const base = shapeKey(shapeOf(spec));
    expect(
      shapeKey(shapeOf({ ...spec, command: ['other'], limits: { ...spec.limits, cpuTimeMs: 1, wallTimeMs: 2, outputKb: 3 } })),
    ).toBe(base);
    expect(shapeKey(shapeOf({ ...spec, limits: { ...spec.limits, memoryMb: 256 } }))).not.toBe(base);
    expect(shapeKey(shapeOf({ ...spec, limits: { ...spec.limits, processes: 17 } }))).not.toBe(base);
    expect(shapeKey(shapeOf({ ...spec, tmpfsMb: 32 }))).not.toBe(base);
    expect(shapeKey(shapeOf({ ...spec, runtime: 'runsc' }))).not.toBe(base);
    expect(shapeKey(shapeOf({ ...spec, env: { A: '1' } }))).not.toBe(base);
  });
});

describe('containerOptions', () => {
  const o = containerOptions(shapeOf(spec), { 'sandflow.worker': 'w1' }, 'n0nce');
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
    // The supervisor is pid 1 itself: docker-init would be dumpable (see container-options.ts).
    expect(host.Init).toBe(false);
    expect(o.Cmd).toEqual(['/usr/local/bin/sandflow-run', '--serve']);
  });

  it('mounts no host directory: the working dir and /tmp are size- and inode-limited tmpfs', () => {
    expect(host.Mounts ?? []).toEqual([]);
    expect(host.Binds ?? []).toEqual([]);
    expect(Object.keys(host.Tmpfs ?? {}).sort()).toEqual(['/box', '/tmp']);
    expect(host.Tmpfs?.['/box']).toBe('rw,exec,nosuid,nodev,size=64m,nr_inodes=16384,uid=10001,gid=10001,mode=0755');
  });

  it('keeps stdin open for jobs', () => {
    expect(o.OpenStdin).toBe(true);
    expect(o.StdinOnce).toBe(false);
    expect(o.Tty).toBe(false);
  });

  it('sets the environment, the nonce last so nothing overrides it, and the labels', () => {
    const own = containerOptions(shapeOf({ ...spec, env: { SANDFLOW_NONCE: 'attempted-override' } }), {}, 'n0nce');
    expect(own.Env?.filter((e) => e.startsWith('SANDFLOW_NONCE='))).toEqual(['SANDFLOW_NONCE=n0nce']);
    expect(o.Env).toContain('HOME=/tmp');
    expect(o.Env).toContain('LANG=C.UTF-8');
    expect(o.Env).toContain('PYTHONDONTWRITEBYTECODE=1');
    expect(o.Labels).toEqual({ 'sandflow.worker': 'w1', sandflow: '1' });
  });

  it('limits processes with RLIMIT_NPROC under gVisor, whose own threads fill the pids cgroup', () => {
    const g = containerOptions(shapeOf({ ...spec, runtime: 'runsc' }), {}, 'n').HostConfig ?? {};
    expect(g.Runtime).toBe('runsc');
    expect(g.Ulimits).toContainEqual({ Name: 'nproc', Soft: 17, Hard: 17 });
    expect(g.PidsLimit).toBeGreaterThan(17);
  });
});
