import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUPERVISOR_FILES } from '../../runtimes/images';
import { jobArgs, WORK_DIR } from '../../sandbox/container-options';
import { FRAME_HEADER_BYTES } from '../../sandbox/frames';
import { IN } from '../../sandbox/job';
import { SUPERVISOR_FAILURE_EXIT } from '../../sandbox/outcome';
import { reportSchema } from '../../sandbox/report';
import { NONCE_BYTES, OUT } from '../../sandbox/sandbox-container';
import type { SandboxSpec } from '../../sandbox/types';

// The host (TypeScript) and sandflow-run (C) speak one protocol with nothing but these checks
// tying the two sides together: a constant changed on one side only fails here, not in a container.
const SUPERVISOR_DIR = path.join(__dirname, '..', '..', 'sandbox', 'supervisor');
const source = (name: string): string => readFileSync(path.join(SUPERVISOR_DIR, name), 'utf8');
const header = source('protocol.h');

/** A C constant of protocol.h: `#define NAME value` or an enum member `NAME = value`. */
function cConstant(name: string): string {
  const found =
    new RegExp(`^#define ${name} (.+?)\\s*$`, 'm').exec(header) ?? new RegExp(`[{,]\\s*${name} = ([^,}]+?)\\s*[,}]`).exec(header);
  if (!found?.[1]) throw new Error(`protocol.h defines no ${name}`);
  return found[1];
}

/** A C constant's value as a number: decimal, or a character literal ('a'). */
function cNumber(name: string): number {
  const text = cConstant(name);
  const char = /^'(.)'$/.exec(text);
  if (char?.[1]) return char[1].charCodeAt(0);
  if (!/^\d+$/.test(text)) throw new Error(`${name} is ${text}, not a number`);
  return Number(text);
}

/** A C constant's value as a string literal. */
function cString(name: string): string {
  const text = cConstant(name);
  const literal = /^"([^"\\]*)"$/.exec(text);
  if (!literal?.[1]) throw new Error(`${name} is ${text}, not a string literal`);
  return literal[1];
}

const compileSpec: SandboxSpec = {
  image: 'sandflow/c:abc',
  command: ['gcc', 'main.c'],
  files: [],
  mode: 'compile',
  collect: ['a.out'],
  limits: { cpuTimeMs: 1000, wallTimeMs: 2000, memoryMb: 128, processes: 16, outputKb: 64 },
};

describe('sandflow-run protocol, on both sides', () => {
  it('frames have the same header size', () => {
    expect(cNumber('FRAME_HEADER_BYTES')).toBe(FRAME_HEADER_BYTES);
  });

  it('a job has the same frame types (host -> supervisor)', () => {
    expect(cNumber('IN_ARG')).toBe(IN.arg.charCodeAt(0));
    expect(cNumber('IN_FILE')).toBe(IN.file.charCodeAt(0));
    expect(cNumber('IN_STDIN')).toBe(IN.stdin.charCodeAt(0));
    expect(cNumber('IN_GO')).toBe(IN.go.charCodeAt(0));
  });

  it('its output has the same frame types (supervisor -> host)', () => {
    expect(cNumber('OUT_STDOUT')).toBe(OUT.stdout);
    expect(cNumber('OUT_STDERR')).toBe(OUT.stderr);
    expect(cNumber('OUT_FILE')).toBe(OUT.file);
    expect(cNumber('OUT_REPORT')).toBe(OUT.report);
  });

  it("the supervisor's own failures exit with the status the host recognises", () => {
    expect(cNumber('EXIT_SUPERVISOR_FAILURE')).toBe(SUPERVISOR_FAILURE_EXIT);
  });

  it('works in the directory the container is started in', () => {
    expect(cString('WORK_DIR')).toBe(WORK_DIR);
  });

  it("the host's nonce (hex) fits the supervisor's MAX_NONCE", () => {
    expect(NONCE_BYTES * 2).toBeLessThanOrEqual(cNumber('MAX_NONCE'));
  });

  it('the report has the fields the host parses, and the cpuSource values it accepts', () => {
    const report = source('report.c');
    const fields = [...report.matchAll(/\\"(\w+)\\":/g)].map((m) => m[1]);
    expect(fields).toEqual(Object.keys(reportSchema.shape));
    expect(/cgroup_cpu \? "(\w+)" : "(\w+)"/.exec(report)?.slice(1)).toEqual([...reportSchema.shape.cpuSource.options]);
  });

  it('every option the host passes is one the supervisor parses, and no other', () => {
    const parsed = [...source('job.c').matchAll(/strcmp\(a, "(--[\w-]+)"\)/g)].map((m) => m[1]).filter((flag) => flag !== '--');
    const passed = jobArgs(compileSpec).filter((arg) => arg.startsWith('--') && arg !== '--');
    expect(new Set(passed)).toEqual(new Set(parsed));
  });

  it('the image build copies every file of the supervisor', () => {
    expect([...SUPERVISOR_FILES].sort()).toEqual(readdirSync(SUPERVISOR_DIR).sort());
  });
});
