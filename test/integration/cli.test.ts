import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EXIT } from '../../cli/exit-codes';
import { runCli } from '../support/cli';
import { startTestSandflow, type TestSandflow } from '../support/sandflow';
import { clientsEnv, testClient } from '../support/tenants';

describe('the sandflow command-line client against a running stack', () => {
  let stack: TestSandflow;
  let dir: string;
  let env: Record<string, string>;

  /** Writes a file into the test's folder and returns its path. */
  const file = async (name: string, content: string) => {
    const at = path.join(dir, name);
    await fs.mkdir(path.dirname(at), { recursive: true });
    await fs.writeFile(at, content);
    return at;
  };

  beforeAll(async () => {
    stack = await startTestSandflow({ languages: ['python', 'c'] });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sandflow-cli-'));
    env = { SANDFLOW_URL: stack.url };
  });

  afterAll(async () => {
    await stack?.stop();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it("runs hello.py: the program's stdout on stdout, the status transitions on stderr, exit 0", async () => {
    const hello = await file('hello.py', 'print("Hello, World!")\n');
    const result = await runCli(['run', hello], { env });
    expect(result.stdout).toBe('Hello, World!\n');
    expect(result.stderr).toMatch(/sandflow: QUEUED\n[\s\S]*sandflow: COMPLETED\n/);
    expect(result.stderr).toContain('COMPLETED ACCEPTED');
    expect(result.code).toBe(0);
  });

  it("exits with the program's own exit code and passes its stderr through", async () => {
    const failing = await file('exit3.py', 'import sys\nprint("to stderr", file=sys.stderr)\nsys.exit(3)\n');
    const result = await runCli(['run', '--quiet', failing], { env });
    expect(result.stderr).toContain('to stderr');
    expect(result.stderr).not.toContain('sandflow: QUEUED');
    expect(result.code).toBe(3);
  });

  it("exits with the compile-error code and shows the compiler's message", async () => {
    const broken = await file('broken.c', 'int main(void) { return missing; }\n');
    const result = await runCli(['run', broken], { env });
    expect(result.stderr).toContain('missing');
    expect(result.stderr).toContain('COMPILATION_ERROR');
    expect(result.code).toBe(EXIT.COMPILATION_ERROR);
  });

  it('pipes its own stdin to the program, or the file --stdin names, with --files beside the source', async () => {
    const upper = await file(
      'upper.py',
      'import sys\nprint(sys.stdin.read().upper(), end="")\nprint(open("note.txt").read(), end="")\n',
    );
    const note = await file('extra/note.txt', ' and a note\n');
    const piped = await runCli(['run', upper, '--files', note], { env, input: 'piped in' });
    expect(piped.stdout).toBe('PIPED IN and a note\n');
    const input = await file('input.txt', 'from a file');
    const fromFile = await runCli(['run', upper, '--stdin', input, '--files', note, '--time', '2s', '--memory', '128m'], {
      env,
      input: 'ignored',
    });
    expect(fromFile.stdout).toBe('FROM A FILE and a note\n');
    expect(fromFile.code).toBe(0);
  });

  it('runs --tests DIR pair by pair and prints a per-case table; a wrong answer exits 1', async () => {
    const double = await file('double.py', 'print(int(input()) * 2)\n');
    await file('cases/1.in', '2\n');
    await file('cases/1.out', '4\n');
    await file('cases/2.in', '5\n');
    await file('cases/2.out', '11\n');
    const result = await runCli(['run', double, '--tests', path.join(dir, 'cases')], { env });
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^case\s+verdict\s+cpu\s+wall\s+memory\s+exit$/);
    expect(lines[1]).toMatch(/^1\s+ACCEPTED\s/);
    expect(lines[2]).toMatch(/^2\s+WRONG_ANSWER\s/);
    expect(lines[3]).toBe('1/2 passed');
    expect(result.code).toBe(EXIT.WRONG_ANSWER);
  });

  it('prints only JSON on stdout with --json, and watch/status/languages read the same submission', async () => {
    const hello = await file('json.py', 'print("hi")\n');
    const result = await runCli(['run', '--json', hello], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const parsed = z
      .object({
        id: z.string(),
        status: z.string(),
        verdict: z.string(),
        exitCode: z.number(),
        run: z.object({ stdout: z.string() }),
      })
      .parse(JSON.parse(result.stdout));
    expect(parsed).toMatchObject({ status: 'COMPLETED', verdict: 'ACCEPTED', exitCode: 0, run: { stdout: 'hi\n' } });

    const watched = await runCli(['watch', parsed.id], { env });
    expect(watched.stdout).toBe('hi\n');
    expect(watched.stderr).toContain('sandflow: COMPLETED');
    expect(watched.code).toBe(0);
    const status = await runCli(['status', parsed.id], { env });
    expect(status.stdout).toContain(`${parsed.id} python COMPLETED ACCEPTED`);
    const cancelled = await runCli(['cancel', parsed.id], { env });
    expect(cancelled.stdout).toBe(`${parsed.id} COMPLETED\n`);
    const languages = await runCli(['languages'], { env });
    expect(languages.stdout).toMatch(/^python\s+\.py\s+interpreted\s+Python 3\./m);
  });

  it('refuses a bad option naming it and the allowed form, before anything is submitted', async () => {
    const hello = await file('bad.py', 'print(1)\n');
    const badTime = await runCli(['run', hello, '--time', 'soon'], { env });
    expect(badTime.code).toBe(EXIT.USAGE);
    expect(badTime.stderr).toContain("option '-t, --time <duration>' argument 'soon' is invalid");
    expect(badTime.stderr).toContain('2s, 1500ms');
    const unknownExtension = await runCli(['run', await file('prog.xyz', 'x')], { env });
    expect(unknownExtension.code).toBe(EXIT.USAGE);
    expect(unknownExtension.stderr).toContain('pass --lang with one of: python (.py), c (.c)');
    const missing = await runCli(['status', '00000000-0000-4000-8000-000000000000'], { env });
    expect(missing.code).toBe(EXIT.API);
    expect(missing.stderr).toContain('does not exist');
  });
});

describe('the sandflow command-line client against a deployment with API clients', () => {
  const client = testClient('cli-user');
  let stack: TestSandflow;
  let dir: string;

  beforeAll(async () => {
    stack = await startTestSandflow({ languages: ['python'], env: { SANDFLOW_CLIENTS: clientsEnv([{ client }]) } });
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sandflow-cli-token-'));
  });

  afterAll(async () => {
    await stack?.stop();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('sends SANDFLOW_TOKEN (or --token) on HTTP and on the WebSocket, and says so when it is missing', async () => {
    const hello = path.join(dir, 'hello.py');
    await fs.writeFile(hello, 'print("with a token")\n');
    const withToken = await runCli(['run', hello], { env: { SANDFLOW_URL: stack.url, SANDFLOW_TOKEN: client.token } });
    expect(withToken.stdout).toBe('with a token\n');
    expect(withToken.code).toBe(0);
    const byOption = await runCli(['--url', stack.url, '--token', client.token, 'languages'], {});
    expect(byOption.stdout).toMatch(/^python\s/m);
    const without = await runCli(['run', '--lang', 'python', hello], { env: { SANDFLOW_URL: stack.url } });
    expect(without.code).toBe(EXIT.API);
    expect(without.stderr).toContain('UNAUTHENTICATED');
  });
});
