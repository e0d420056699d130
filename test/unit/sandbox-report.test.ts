import { describe, expect, it } from 'vitest';
import { interpretOutcome, type JobOutcome } from '../../sandbox/outcome';
import { SandboxInfrastructureError } from '../../sandbox/errors';
import { parseReport, type SupervisorReport } from '../../sandbox/report';

const REPORT: SupervisorReport = {
  exitCode: 0,
  signal: null,
  cpuMs: 12,
  wallMs: 34,
  maxRssKb: 5000,
  cpuLimitExceeded: false,
  wallLimitExceeded: false,
  outputLimitExceeded: false,
  oomKilled: false,
  cpuSource: 'cgroup',
  setupError: null,
  collectError: null,
  clean: true,
};

function outcome(report: Partial<SupervisorReport> | null, extra: Partial<JobOutcome> = {}): JobOutcome {
  return {
    stdout: Buffer.from('out'),
    stderr: Buffer.from('err'),
    report: report === null ? null : { ...REPORT, ...report },
    hostStop: null,
    hostWallMs: 99,
    limits: { cpuTimeMs: 1000, wallTimeMs: 2000, memoryMb: 64, processes: 8, outputKb: 64 },
    ...extra,
  };
}

const died = (exitCode: number, oomKilled = false, stderr = '') => ({ death: { exitCode, oomKilled, stderr } });

const NONCE = '0123456789abcdef';

describe('parseReport', () => {
  it('reads a report frame: the nonce, then the JSON', () => {
    expect(parseReport(Buffer.from(NONCE + JSON.stringify(REPORT)), NONCE)).toEqual(REPORT);
  });

  it('rejects a report without the nonce: the program wrote it', () => {
    expect(parseReport(Buffer.from(JSON.stringify(REPORT)), NONCE)).toBeNull();
    expect(parseReport(Buffer.from('fedcba9876543210' + JSON.stringify(REPORT)), NONCE)).toBeNull();
  });

  it('rejects a malformed report', () => {
    expect(parseReport(Buffer.from(NONCE + '{"exitCode":"0"}'), NONCE)).toBeNull();
    expect(parseReport(Buffer.from(NONCE + 'not json'), NONCE)).toBeNull();
    expect(parseReport(Buffer.from(NONCE + JSON.stringify({ ...REPORT, clean: 'yes' })), NONCE)).toBeNull();
  });
});

describe('interpretOutcome', () => {
  it('turns a report into a result', () => {
    expect(interpretOutcome(outcome({ exitCode: 3 }))).toEqual({
      stdout: 'out',
      stderr: 'err',
      exitCode: 3,
      signal: null,
      cpuTimeMs: 12,
      wallTimeMs: 34,
      memoryKb: 5000,
      truncated: false,
      limitExceeded: null,
    });
  });

  it('names signals and limits', () => {
    const cpu = interpretOutcome(outcome({ exitCode: null, signal: 9, cpuLimitExceeded: true }));
    expect([cpu.signal, cpu.limitExceeded]).toEqual(['SIGKILL', 'cpu']);
    const segv = interpretOutcome(outcome({ exitCode: null, signal: 11 }));
    expect([segv.signal, segv.limitExceeded]).toEqual(['SIGSEGV', null]);
    const out = interpretOutcome(outcome({ exitCode: null, signal: 9, outputLimitExceeded: true }));
    expect([out.truncated, out.limitExceeded]).toEqual([true, 'output']);
  });

  it('reports memory only when the kernel OOM-killed within the job', () => {
    expect(interpretOutcome(outcome({ exitCode: null, signal: 9, oomKilled: true })).limitExceeded).toBe('memory');
    expect(
      interpretOutcome(outcome({ exitCode: 1, oomKilled: false }, { stderr: Buffer.from('MemoryError\n') })).limitExceeded,
    ).toBeNull();
  });

  it('does not fail a program that survived an OOM kill of a helper', () => {
    expect(interpretOutcome(outcome({ exitCode: 0, oomKilled: true })).limitExceeded).toBeNull();
  });

  it("makes files that could not be placed the program's failure, not the sandbox's", () => {
    const r = interpretOutcome(outcome({ exitCode: null, setupError: 'cannot write main: No space left on device' }));
    expect([r.exitCode, r.limitExceeded]).toEqual([null, null]);
    expect(r.stderr).toBe(
      "sandflow: the program's files could not be placed in the sandbox: cannot write main: No space left on device\n",
    );
  });

  it('turns too large an artifact into an output limit with a plain message', () => {
    const r = interpretOutcome(outcome({ collectError: "the compiler's output is larger than 67108864 bytes" }));
    expect(r.limitExceeded).toBe('output');
    expect(r.stderr).toContain("sandflow: the compiler's output is larger than 67108864 bytes");
  });

  it('decodes invalid UTF-8 with replacement characters', () => {
    expect(interpretOutcome({ ...outcome({}), stdout: Buffer.from([0x61, 0xff, 0x62]) }).stdout).toBe('a\uFFFDb');
  });

  it('never trusts a run without a report', () => {
    const killed = interpretOutcome(outcome(null, died(137)));
    expect(killed.exitCode).toBeNull();
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.limitExceeded).toBeNull();
    expect(killed.cpuTimeMs).toBe(0);
    expect(killed.stderr).toContain('ended without a report (exit 137)');
  });

  it('explains a missing report by OOM, backstop or output cap', () => {
    const oom = interpretOutcome(outcome(null, { ...died(137, true), stderr: Buffer.from('') }));
    expect([oom.limitExceeded, oom.memoryKb, oom.stderr]).toEqual(['memory', 64 * 1024, '']);
    const wall = interpretOutcome(outcome(null, { ...died(137), hostStop: 'backstop' }));
    expect([wall.limitExceeded, wall.wallTimeMs]).toEqual(['wall', 99]);
    const output = interpretOutcome(outcome(null, { ...died(137), hostStop: 'output' }));
    expect([output.limitExceeded, output.truncated]).toEqual(['output', true]);
  });

  it('calls a supervisor failure an infrastructure error', () => {
    expect(() => interpretOutcome(outcome(null, died(125, false, 'sandflow-run: truncated frame header\n')))).toThrow(
      SandboxInfrastructureError,
    );
  });
});
