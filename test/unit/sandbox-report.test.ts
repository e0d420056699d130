import { describe, expect, it } from 'vitest';
import { interpretOutcome, type ContainerOutcome } from '../../activities/sandbox/outcome';
import { SandboxInfrastructureError } from '../../activities/sandbox/errors';
import { splitReport, type SupervisorReport } from '../../activities/sandbox/report';

const NONCE = '0123456789abcdef0123456789abcdef';
const REPORT: SupervisorReport = {
  exitCode: 0,
  signal: null,
  cpuMs: 12,
  wallMs: 34,
  maxRssKb: 5000,
  cpuLimitExceeded: false,
  wallLimitExceeded: false,
  outputLimitExceeded: false,
};

function reportLine(fields: Partial<SupervisorReport> = {}, nonce = NONCE): string {
  return `@@SANDFLOW:${nonce}@@${JSON.stringify({ ...REPORT, ...fields })}\n`;
}

function outcome(stderr: string | Buffer, extra: Partial<ContainerOutcome> = {}): ContainerOutcome {
  return {
    stdout: Buffer.from('out'),
    stderr: Buffer.from(stderr),
    nonce: NONCE,
    containerExitCode: 0,
    oomKilled: false,
    hostStop: null,
    hostWallMs: 99,
    limits: { cpuTimeMs: 1000, wallTimeMs: 2000, memoryMb: 64, processes: 8, outputKb: 64 },
    ...extra,
  };
}

describe('splitReport', () => {
  it('separates the program\'s stderr from the report', () => {
    const { programStderr, report } = splitReport(Buffer.from(`warning\n${reportLine()}`), NONCE);
    expect(programStderr.toString()).toBe('warning\n');
    expect(report).toEqual(REPORT);
  });

  it('keeps stderr byte-exact when it does not end in a newline', () => {
    const { programStderr } = splitReport(Buffer.from(`no newline${reportLine()}`), NONCE);
    expect(programStderr.toString()).toBe('no newline');
  });

  it('takes the last report and leaves reports with another nonce in the program\'s stderr', () => {
    const forged = reportLine({ cpuMs: 1 }, 'f'.repeat(32));
    const { programStderr, report } = splitReport(Buffer.from(`${forged}${reportLine({ cpuMs: 77 })}`), NONCE);
    expect(programStderr.toString()).toBe(forged);
    expect(report?.cpuMs).toBe(77);
  });

  it('rejects a malformed report', () => {
    expect(splitReport(Buffer.from(`@@SANDFLOW:${NONCE}@@{"exitCode":"0"}\n`), NONCE).report).toBeNull();
    expect(splitReport(Buffer.from(`@@SANDFLOW:${NONCE}@@not json\n`), NONCE).report).toBeNull();
    expect(splitReport(Buffer.from('nothing here'), NONCE)).toEqual({ programStderr: Buffer.from('nothing here'), report: null });
  });
});

describe('interpretOutcome', () => {
  it('turns a report into a result', () => {
    const r = interpretOutcome(outcome(`err${reportLine({ exitCode: 3 })}`));
    expect(r).toEqual({
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
    const cpu = interpretOutcome(outcome(reportLine({ exitCode: null, signal: 9, cpuLimitExceeded: true })));
    expect([cpu.signal, cpu.limitExceeded]).toEqual(['SIGKILL', 'cpu']);
    const segv = interpretOutcome(outcome(reportLine({ exitCode: null, signal: 11 })));
    expect([segv.signal, segv.limitExceeded]).toEqual(['SIGSEGV', null]);
    const out = interpretOutcome(outcome(reportLine({ exitCode: null, signal: 9, outputLimitExceeded: true })));
    expect([out.truncated, out.limitExceeded]).toEqual([true, 'output']);
  });

  it('reports memory when the OOM killer ended the program', () => {
    const r = interpretOutcome(outcome(reportLine({ exitCode: null, signal: 9 }), { oomKilled: true }));
    expect(r.limitExceeded).toBe('memory');
  });

  it('does not fail a program that survived an OOM kill of a helper', () => {
    const r = interpretOutcome(outcome(reportLine({ exitCode: 0 }), { oomKilled: true }));
    expect(r.limitExceeded).toBeNull();
  });

  it('decodes invalid UTF-8 with replacement characters', () => {
    const r = interpretOutcome({ ...outcome(reportLine()), stdout: Buffer.from([0x61, 0xff, 0x62]) });
    expect(r.stdout).toBe('a\uFFFDb');
  });

  it('never trusts a run without a report', () => {
    const killed = interpretOutcome(outcome(`${reportLine({ cpuMs: 1 }, 'e'.repeat(32))}`, { containerExitCode: 137 }));
    expect(killed.exitCode).toBeNull();
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.limitExceeded).toBeNull();
    expect(killed.stderr).toContain('ended without a report (exit 137)');
  });

  it('explains a missing report by OOM, backstop or output cap', () => {
    const oom = interpretOutcome(outcome('', { containerExitCode: 137, oomKilled: true }));
    expect([oom.limitExceeded, oom.memoryKb, oom.stderr]).toEqual(['memory', 64 * 1024, '']);
    const wall = interpretOutcome(outcome('', { containerExitCode: 137, hostStop: 'backstop' }));
    expect([wall.limitExceeded, wall.wallTimeMs]).toEqual(['wall', 99]);
    const output = interpretOutcome(outcome('', { containerExitCode: 137, hostStop: 'output' }));
    expect([output.limitExceeded, output.truncated]).toEqual(['output', true]);
  });

  it('calls a supervisor failure an infrastructure error', () => {
    expect(() => interpretOutcome(outcome('sandflow-run: --copy-from /src: No such file\n', { containerExitCode: 125 }))).toThrow(
      SandboxInfrastructureError,
    );
  });
});
