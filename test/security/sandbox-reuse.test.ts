/**
 * Warm containers serve one job after another: whatever a hostile program leaves behind must
 * be gone before the next job, which must see and measure exactly what a fresh container gives.
 * Runs on the Docker runtime named by SANDFLOW_TEST_RUNTIME (runc by default; runsc for gVisor).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerSandbox, type SandboxResult } from '../../sandbox';
import { logger } from '../../common/logger';
import { box, docker, imagesOf, LIMITS, removeScratch, runtime, show, TEST_LABELS } from '../support/sandbox-harness';

/** Leaves everything it can behind: processes, files everywhere writable, IPC, odd modes, a full tmpfs. */
const LITTER = `import ctypes, os, signal, subprocess, sys
libc = ctypes.CDLL(None, use_errno=True)
# A background process that ignores every signal it can and would write into the next run.
subprocess.Popen(["sh", "-c", "trap '' TERM INT HUP; while :; do echo LEAKED > /box/leak 2>/dev/null; sleep 0.05; done"], start_new_session=True)
if os.fork() == 0:
    os.setsid()
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    while True: pass
for d in ["/box", "/tmp", "/dev/shm"]:
    with open(f"{d}/secret", "w") as f: f.write("previous run's secret")
os.makedirs("/tmp/a/b/c", exist_ok=True)
d = "/tmp/deep"
for i in range(100):
    d += "/d"
os.makedirs(d)
os.mkdir("/box/locked"); open("/box/locked/f", "w").close(); os.chmod("/box/locked", 0)
os.chmod("/tmp", 0o700)
# A full /tmp.
try:
    with open("/tmp/fill", "wb") as f:
        while True: f.write(b"x" * (1 << 20))
except OSError: pass
# SysV shared memory, semaphores and message queues; a POSIX message queue.
libc.shmget(0x5f1, 4096, 0o1600); libc.semget(0x5f2, 1, 0o1600); libc.msgget(0x5f3, 0o1600)
try:
    rt = ctypes.CDLL("librt.so.1", use_errno=True)
    rt.mq_open(b"/sandflowq", os.O_CREAT | os.O_RDWR, 0o600, None)
except OSError: pass
os.environ["LEAK"] = "1"
os.chdir("/tmp/a/b/c")
print("littered")
`;

/** What the next job sees: each line must be as in a fresh container. */
const INSPECT = `import os, resource
print("procs", sorted(p for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, os.getpid())))
print("box", sorted(os.listdir("/box")))
print("tmp", sorted(os.listdir("/tmp")), oct(os.stat("/tmp").st_mode & 0o777))
print("shm", sorted(os.listdir("/dev/shm")))
print("mqueue", sorted(os.listdir("/dev/mqueue")) if os.path.isdir("/dev/mqueue") else "none")
for kind in ("shm", "sem", "msg"):
    try:
        print("ipc", kind, len(open(f"/proc/sysvipc/{kind}").read().splitlines()[1:]))
    except OSError:
        print("ipc", kind, 0)
print("cwd", os.getcwd())
print("env", "LEAK" in os.environ)
print("nofile", resource.getrlimit(resource.RLIMIT_NOFILE))
`;

describe(`warm sandbox reuse (runtime ${runtime})`, () => {
  let py = '';
  // One container at most, of a label of its own: every job below lands in the same one.
  const label = { ...TEST_LABELS, 'sandflow.test.reuse': randomUUID() };
  const sandbox = new DockerSandbox(docker, { mode: 'warm', maxIdle: 1, labels: label, logger });
  const ids = async (): Promise<string[]> =>
    (await docker.listContainers({ all: true, filters: { label: Object.entries(label).map(([k, v]) => `${k}=${v}`) } })).map(
      (c) => c.Id,
    );
  const limits = { ...LIMITS, memoryMb: 256, cpuTimeMs: 1000, wallTimeMs: 3000 };
  const run = (source: string): Promise<SandboxResult> =>
    sandbox.run({
      image: py,
      command: ['python3', 'main.py'],
      files: box({ 'main.py': source }),
      mode: 'run',
      limits,
      runtime,
      tmpfsMb: 32,
    });

  beforeAll(async () => {
    py = (await imagesOf(['python'])).get('python') ?? '';
  });

  afterAll(async () => {
    await sandbox.close();
    await removeScratch();
    expect(await ids()).toEqual([]);
  });

  it('gives the next job a container in which nothing of a hostile job survives', async () => {
    const fresh = await run(INSPECT);
    expect(fresh.exitCode, show(fresh)).toBe(0);
    const [container] = await ids();
    const litter = await run(LITTER);
    // The forked spinner keeps the job alive past the wall limit: the supervisor kills everything.
    expect(litter.stdout, show(litter)).toContain('littered');
    const after = await run(INSPECT);
    expect(after.exitCode, show(after)).toBe(0);
    expect(after.stdout).toBe(fresh.stdout);
    expect(after.stdout).toContain("box ['main.py']\n");
    expect(await ids()).toEqual([container]);
  });

  it('meters the next job exactly as a fresh one', async () => {
    const spin = 'import time\nt = time.process_time()\nwhile time.process_time() - t < 0.3: pass\nprint("ok")\n';
    const first = await run(spin);
    await run(LITTER);
    const second = await run(spin);
    for (const r of [first, second]) {
      expect(r.stdout, show(r)).toBe('ok\n');
      expect(r.cpuTimeMs).toBeGreaterThanOrEqual(300);
      expect(r.cpuTimeMs).toBeLessThan(600);
    }
    expect(Math.abs(second.cpuTimeMs - first.cpuTimeMs)).toBeLessThan(100);
  });

  it("measures the next job's memory as in a fresh container, after a job with large files", async () => {
    const small = 'print("small")\n';
    const first = await run(small);
    // A large buffer, then a smaller one: glibc serves the second from its heap and keeps it.
    for (const mb of [12, 6]) {
      const big = await sandbox.run({
        image: py,
        command: ['python3', 'main.py'],
        files: box({ 'main.py': small, 'data.bin': Buffer.alloc(mb << 20, 7) }),
        stdin: Buffer.alloc(mb << 19, 1),
        mode: 'run',
        limits,
        runtime,
        tmpfsMb: 32,
      });
      expect(big.stdout, show(big)).toBe('small\n');
    }
    const after = await run(small);
    // A peak carried over from the supervisor (a forked child starts with its resident set) would
    // add at least the 6 MiB buffer; under gVisor the same program's peak moves by a MiB or two.
    expect(after.memoryKb, `${first.memoryKb} KiB then ${after.memoryKb} KiB`).toBeLessThanOrEqual(first.memoryKb + 3 * 1024);
  });

  it('retires a container whose job hit a limit that killed the whole sandbox', async () => {
    const before = await ids();
    const r = await sandbox.run({
      image: py,
      command: ['python3', '-c', 'x = []\nwhile True: x.append(bytearray(1 << 20))'],
      files: [],
      mode: 'run',
      limits: { ...limits, memoryMb: 48 },
      runtime,
    });
    expect(r.limitExceeded, show(r)).toBe('memory');
    // A different shape (memory) is a different container; the first one is still the only one of its shape.
    const ok = await run('print("fine")\n');
    expect(ok.stdout).toBe('fine\n');
    expect((await ids()).filter((id) => before.includes(id)).length).toBeLessThanOrEqual(1);
  });
});

describe(`warm sandbox channel (runtime ${runtime})`, () => {
  let py = '';
  const label = { ...TEST_LABELS, 'sandflow.test.reuse': randomUUID() };
  const sandbox = new DockerSandbox(docker, { mode: 'warm', maxIdle: 1, labels: label, logger });
  const limits = { ...LIMITS, cpuTimeMs: 1000, wallTimeMs: 3000 };
  const run = (source: string): Promise<SandboxResult> =>
    sandbox.run({ image: py, command: ['python3', 'main.py'], files: box({ 'main.py': source }), mode: 'run', limits, runtime });

  beforeAll(async () => {
    py = (await imagesOf(['python'])).get('python') ?? '';
  });

  afterAll(async () => {
    await sandbox.close();
    await removeScratch();
  });

  it("takes neither a job nor a report that the program writes into the supervisor's channel", async () => {
    // Where the runtime lets it (gVisor), the program writes a whole job, and a report, into pid 1's stdin and stdout.
    const frame = (type: string, body: string) => {
      const b = Buffer.from(body);
      const h = Buffer.alloc(8);
      h[0] = type.charCodeAt(0);
      h.writeUInt32BE(b.length, 4);
      return Buffer.concat([h, b]);
    };
    const job = Buffer.concat([
      frame('a', '--'),
      frame('a', 'sh'),
      frame('a', '-c'),
      frame('a', 'echo INJECTED'),
      frame('g', 'guess'),
    ]);
    const report = Buffer.concat([Buffer.from([4, 0, 0, 0, 0, 0, 0, 2]), Buffer.from('{}')]);
    const src = `import os
for path, data in [("/proc/1/fd/0", ${JSON.stringify([...job])}), ("/proc/1/fd/1", ${JSON.stringify([...report])})]:
    try:
        fd = os.open(path, os.O_WRONLY)
        os.write(fd, bytes(data))
        print(path, "written")
    except OSError as e:
        print(path, e.strerror)
`;
    const hostile = await run(src);
    // Either refused outright (runc), or written and then the container is not trusted again.
    if (hostile.exitCode === 0) expect(hostile.stdout, show(hostile)).toMatch(/^\/proc\/1\/fd\/0 /);
    // A file frame promising 200 MiB, then 70 MiB of it: the host stops gathering at its cap.
    const flood = await run(`import os
try:
    fd = os.open("/proc/1/fd/1", os.O_WRONLY)
except OSError as e:
    print("refused", e.strerror)
    raise SystemExit(0)
os.write(fd, bytes([3, 0, 0, 0]) + (200 << 20).to_bytes(4, "big") + b"0755a\\0")
chunk = b"x" * (1 << 20)
for _ in range(70):
    os.write(fd, chunk)
print("flooded")
`);
    if (flood.exitCode === 0) expect(flood.stdout, show(flood)).toMatch(/^refused /);
    else expect(flood.limitExceeded, show(flood)).not.toBeNull();
    for (let i = 0; i < 3; i++) {
      const next = await run('print("next")\n');
      expect(next.stdout, show(next)).toBe('next\n');
      expect(next.exitCode).toBe(0);
    }
  });
});
