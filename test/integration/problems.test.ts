import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../support/deployment';
import { gql, gqlOk } from '../support/graphql';
import { writeTarGz, writeZip, type TarEntry } from '../support/package-archives';
import { startTestSandflow, type TestSandflow } from '../support/sandflow';
import { clientsEnv, testClient, type TestClient } from '../support/tenants';

/*
 * Problems end to end on the real stack (Temporal, Docker, both databases): a package uploaded
 * once over HTTP, judged against by submissions that carry only their source.
 */

const OWNER = testClient('setter');
const CONTESTANT = testClient('contestant');
const OPERATOR = testClient('ops');

/** A pass-fail problem (ICPC style, legacy format): sums of two numbers; judging stops at the first failure. */
const SUM_PACKAGE: TarEntry[] = [
  { name: 'sum/problem.yaml', data: 'name: Sum\nlimits:\n  memory: 256\n' },
  { name: 'sum/.timelimit', data: '2\n' },
  { name: 'sum/data/sample/1.in', data: '1 2\n' },
  { name: 'sum/data/sample/1.ans', data: '3\n' },
  { name: 'sum/data/secret/01.in', data: '20 22\n' },
  { name: 'sum/data/secret/01.ans', data: '42\n' },
  { name: 'sum/data/secret/02.in', data: '100 -1\n' },
  { name: 'sum/data/secret/02.ans', data: '99\n' },
  { name: 'sum/data/secret/03.in', data: '7 7\n' },
  { name: 'sum/data/secret/03.ans', data: '14\n' },
  { name: 'sum/submissions/accepted/sum.py', data: 'a, b = map(int, input().split())\nprint(a + b)\n' },
];

/** A scoring problem in the 2023-07 draft: two subtasks worth 40 and 60 points, all or nothing each. */
const SUBTASKS_PACKAGE: TarEntry[] = [
  {
    name: 'problem.yaml',
    data: 'problem_format_version: 2023-07-draft\nname: Double\ntype: scoring\nlimits:\n  time_limit: 1\n',
  },
  { name: 'data/sample/1.in', data: '2\n' },
  { name: 'data/sample/1.ans', data: '4\n' },
  { name: 'data/secret/small/testdata.yaml', data: 'scoring:\n  score: 40\n' },
  { name: 'data/secret/small/1.in', data: '3\n' },
  { name: 'data/secret/small/1.ans', data: '6\n' },
  { name: 'data/secret/small/2.in', data: '5\n' },
  { name: 'data/secret/small/2.ans', data: '10\n' },
  { name: 'data/secret/large/testdata.yaml', data: 'scoring:\n  score: 60\n' },
  { name: 'data/secret/large/1.in', data: '1000000000\n' },
  { name: 'data/secret/large/1.ans', data: '2000000000\n' },
  { name: 'data/secret/large/2.in', data: '3000000000\n' },
  { name: 'data/secret/large/2.ans', data: '6000000000\n' },
];

const SUM_OK = 'a, b = map(int, input().split())\nprint(a + b)\n';
/** Right on the sample and the first secret case, wrong on the second (it never prints a negative sum's 99). */
const SUM_WRONG_ON_SECOND = 'a, b = map(int, input().split())\nprint(a + b if b >= 0 else 0)\n';
/** Passes the sample, then echoes its input: a contestant's way to read secret data back, if outputs were shown. */
const ECHO_INPUT = 'import sys\ns = sys.stdin.read()\nprint(3) if s.split() == ["1", "2"] else sys.stdout.write(s)\n';
/** Doubles small numbers only: passes the small subtask, fails the large one. */
const DOUBLE_SMALL = 'n = int(input())\nprint(2 * n if n < 1000 else -1)\n';

const SUBMISSION = `query($id: ID!) { submission(id: $id) {
  id status verdict score maxScore problemId problemVersion error
  testResults { index name verdict score hidden result { stdout exitCode } }
  groups { name verdict score maxScore cases passed failed skipped } } }`;

interface Judged {
  id: string;
  status: string;
  verdict: string | null;
  score: number | null;
  maxScore: number | null;
  problemId: string | null;
  problemVersion: number | null;
  error: string | null;
  testResults: Array<{
    index: number;
    name: string | null;
    verdict: string;
    score: number | null;
    hidden: boolean;
    result: { stdout: string; exitCode: number | null };
  }>;
  groups: Array<{
    name: string;
    verdict: string | null;
    score: number | null;
    maxScore: number | null;
    cases: number;
    passed: number;
    failed: number;
    skipped: number;
  }>;
}

describe.each(DATABASES)('problems on %s', (kind) => {
  let api: TestSandflow;
  let base: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandflow-problems-'));

  const upload = async (id: string, file: string, client: TestClient, query = '') => {
    const response = await fetch(`${base}/problems/${encodeURIComponent(id)}/versions${query}`, {
      method: 'POST',
      headers: { ...client.headers, 'content-type': 'application/octet-stream' },
      body: fs.readFileSync(file),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const submitTo = async (problemId: string, source: string, client: TestClient, extra: Record<string, unknown> = {}) => {
    const data = await gqlOk<{ submit: { id: string } }>(
      api.url,
      'mutation($input: SubmitInput!) { submit(input: $input) { id } }',
      { input: { language: 'python', source, problemId, ...extra } },
      client.headers,
    );
    return data.submit.id;
  };

  const judged = async (id: string, client: TestClient): Promise<Judged> => {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const data = await gqlOk<{ submission: Judged | null }>(api.url, SUBMISSION, { id }, client.headers);
      const submission = data.submission;
      if (submission && ['COMPLETED', 'FAILED', 'CANCELLED'].includes(submission.status)) return submission;
      if (Date.now() > deadline) throw new Error(`submission ${id} still ${submission?.status}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  beforeAll(async () => {
    api = await startTestSandflow({
      postgres: kind === 'postgres',
      languages: ['python'],
      env: {
        SANDFLOW_CLIENTS: clientsEnv([{ client: OWNER }, { client: CONTESTANT }, { client: OPERATOR, operator: true }]),
      },
    });
    base = api.url.replace(/\/graphql$/, '');
    await writeTarGz(path.join(dir, 'sum.tar.gz'), SUM_PACKAGE);
    await writeTarGz(path.join(dir, 'double.tar.gz'), SUBTASKS_PACKAGE);
  });

  afterAll(async () => {
    await api?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores an uploaded package as version 1 of a new problem of the uploader', async () => {
    const { status, body } = await upload('sum', path.join(dir, 'sum.tar.gz'), OWNER);
    expect({ status, body }).toMatchObject({ status: 201, body: { id: 'sum', version: 1, caseCount: 4, timeLimitMs: 2000 } });
    const data = await gqlOk<{ problem: Record<string, unknown> }>(
      api.url,
      '{ problem(id: "sum") { id title public owned latestVersion versions { version type timeLimitMs memoryMb caseCount groups { name cases stopOnFirstFailure } samples { name input answer } } } }',
      {},
      OWNER.headers,
    );
    expect(data.problem).toEqual({
      id: 'sum',
      title: 'Sum',
      public: false,
      owned: true,
      latestVersion: 1,
      versions: [
        {
          version: 1,
          type: 'PASS_FAIL',
          timeLimitMs: 2000,
          memoryMb: 256,
          caseCount: 4,
          groups: [
            { name: 'sample', cases: 1, stopOnFirstFailure: true },
            { name: 'secret', cases: 3, stopOnFirstFailure: true },
          ],
          samples: [{ name: 'sample/1', input: '1 2\n', answer: '3\n' }],
        },
      ],
    });
  });

  it('judges an accepted solution on every case, with the names of the cases and the problem limits', async () => {
    const id = await submitTo('sum', SUM_OK, OWNER);
    const submission = await judged(id, OWNER);
    expect(submission).toMatchObject({
      status: 'COMPLETED',
      verdict: 'ACCEPTED',
      problemId: 'sum',
      problemVersion: 1,
      score: null,
    });
    expect(submission.testResults.map((t) => [t.index, t.name, t.verdict])).toEqual([
      [0, 'sample/1', 'ACCEPTED'],
      [1, 'secret/01', 'ACCEPTED'],
      [2, 'secret/02', 'ACCEPTED'],
      [3, 'secret/03', 'ACCEPTED'],
    ]);
    expect(submission.groups).toEqual([
      { name: 'sample', verdict: 'ACCEPTED', score: null, maxScore: null, cases: 1, passed: 1, failed: 0, skipped: 0 },
      { name: 'secret', verdict: 'ACCEPTED', score: null, maxScore: null, cases: 3, passed: 3, failed: 0, skipped: 0 },
    ]);
  });

  it('stops at the first failing case: WRONG_ANSWER on test 3, the last case skipped', async () => {
    const submission = await judged(await submitTo('sum', SUM_WRONG_ON_SECOND, OWNER), OWNER);
    expect(submission.verdict).toBe('WRONG_ANSWER');
    const secret = submission.groups.find((g) => g.name === 'secret');
    expect(secret).toMatchObject({ verdict: 'WRONG_ANSWER', passed: 1, failed: 1 });
    // With two cases run at once, the third may have started before the second failed; it is never counted.
    expect((secret?.skipped ?? 0) + (secret?.passed ?? 0) + (secret?.failed ?? 0)).toBe(3);
    expect(submission.testResults.find((t) => t.name === 'secret/02')?.verdict).toBe('WRONG_ANSWER');
  });

  it('scores subtasks all or nothing: 40 of 100 for a solution that passes only the small one', async () => {
    expect((await upload('double', path.join(dir, 'double.tar.gz'), OWNER)).status).toBe(201);
    const partial = await judged(await submitTo('double', DOUBLE_SMALL, OWNER), OWNER);
    expect(partial).toMatchObject({ status: 'COMPLETED', verdict: 'WRONG_ANSWER', score: 40, maxScore: 100 });
    expect(partial.groups.map((g) => [g.name, g.verdict, g.score, g.maxScore])).toEqual([
      ['sample', 'ACCEPTED', null, null],
      ['secret', 'WRONG_ANSWER', 40, 100],
      ['secret/large', 'WRONG_ANSWER', 0, 60],
      ['secret/small', 'ACCEPTED', 40, 40],
    ]);
    const full = await judged(await submitTo('double', 'print(2 * int(input()))\n', OWNER), OWNER);
    expect(full).toMatchObject({ verdict: 'ACCEPTED', score: 100, maxScore: 100 });
  });

  it("keeps another client's private problem out of reach, exactly like a missing one", async () => {
    const seen = await gqlOk<{ problem: unknown; problems: Array<{ id: string }> }>(
      api.url,
      '{ problem(id: "sum") { id } problems { id } }',
      {},
      CONTESTANT.headers,
    );
    expect(seen).toEqual({ problem: null, problems: [] });
    const refused = await gql(
      api.url,
      'mutation { submit(input: { language: "python", source: "print(1)", problemId: "sum" }) { id } }',
      {},
      CONTESTANT.headers,
    );
    expect(refused.errors?.[0]).toMatchObject({
      message: 'problemId: problem sum does not exist',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const taken = await upload('sum', path.join(dir, 'sum.tar.gz'), CONTESTANT);
    expect(taken).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT', field: 'id' } } });
  });

  it('shows a contestant on a public problem its samples in full and, on secret cases, only verdicts', async () => {
    const refused = await gql(api.url, 'mutation { setProblemPublic(id: "sum", public: true) { id } }', {}, OWNER.headers);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await gqlOk(api.url, 'mutation { setProblemPublic(id: "sum", public: true) { id public } }', {}, OPERATOR.headers);
    const id = await submitTo('sum', ECHO_INPUT, CONTESTANT);
    const submission = await judged(id, CONTESTANT);
    expect(submission.verdict).toBe('WRONG_ANSWER');
    const [sample, ...secret] = submission.testResults;
    expect(sample).toMatchObject({ name: 'sample/1', verdict: 'ACCEPTED', hidden: false, result: { stdout: '3\n' } });
    expect(secret.length).toBeGreaterThan(0);
    for (const result of secret) expect(result).toMatchObject({ hidden: true, result: { stdout: '' } });
    const problem = await gqlOk<{ problem: { owned: boolean; versions: Array<{ samples: unknown[] }> } }>(
      api.url,
      '{ problem(id: "sum") { owned versions { samples { name } } } }',
      {},
      CONTESTANT.headers,
    );
    expect(problem.problem).toEqual({ owned: false, versions: [{ samples: [{ name: 'sample/1' }] }] });
    // The owner reading its own run of the same program sees what the program printed.
    const own = await judged(await submitTo('sum', ECHO_INPUT, OWNER), OWNER);
    expect(own.testResults[1]).toMatchObject({ name: 'secret/01', hidden: false, result: { stdout: '20 22\n' } });
  });

  it('refuses a bad package naming the file, and stores no version for it', async () => {
    const bad = path.join(dir, 'bad.zip');
    writeZip(bad, [
      { name: 'problem.yaml', data: 'name: Broken\n' },
      { name: 'data/secret/1.in', data: '1\n' },
    ]);
    const { status, body } = await upload('sum', bad, OWNER, '?timeLimitMs=1000');
    expect(status).toBe(400);
    expect(body).toEqual({
      error: { code: 'BAD_PACKAGE', file: 'data/secret/1.in', message: 'data/secret/1.in: has no answer file data/secret/1.ans' },
    });
    const latest = await gqlOk<{ problem: { latestVersion: number } }>(
      api.url,
      '{ problem(id: "sum") { latestVersion } }',
      {},
      OWNER.headers,
    );
    expect(latest.problem.latestVersion).toBe(1);
    const noTime = await upload(
      'notime',
      path.join(dir, 'sum.tar.gz').replace('sum.tar.gz', 'double.tar.gz'),
      OWNER,
      '?timeLimitMs=0',
    );
    expect(noTime).toMatchObject({ status: 400, body: { error: { field: 'timeLimitMs' } } });
  });

  it('refuses test cases, stdin or limits beside a problem, and a version it does not have', async () => {
    for (const [field, extra] of [
      ['testCases', { testCases: [{ stdin: '1 2', expectedOutput: '3' }] }],
      ['stdin', { stdin: '1 2' }],
      ['limits', { limits: { cpuTimeMs: 100 } }],
      ['problemVersion', { problemVersion: 7 }],
    ] as const) {
      const response = await gql(
        api.url,
        'mutation($input: SubmitInput!) { submit(input: $input) { id } }',
        { input: { language: 'python', source: SUM_OK, problemId: 'sum', ...extra } },
        OWNER.headers,
      );
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('stores no test data with a submission: its row holds the source and the results only', async () => {
    const id = await submitTo('sum', SUM_OK, OWNER);
    await judged(id, OWNER);
    const rows: Array<{ test_cases: string; stdin: string | null }> = await api.persistence.dataSource.query(
      kind === 'postgres'
        ? 'SELECT test_cases, stdin FROM submissions WHERE id = $1'
        : 'SELECT test_cases, stdin FROM submissions WHERE id = ?',
      [id],
    );
    expect(rows).toEqual([{ test_cases: '[]', stdin: null }]);
  });

  it('refuses to delete a problem submissions refer to, unless an operator forces it', async () => {
    const refused = await gql(api.url, 'mutation { deleteProblem(id: "double") }', {}, OWNER.headers);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(await gqlOk(api.url, 'mutation { deleteProblem(id: "double") }', {}, CONTESTANT.headers)).toEqual({
      deleteProblem: false,
    });
    expect(await gqlOk(api.url, 'mutation { deleteProblem(id: "double", force: true) }', {}, OPERATOR.headers)).toEqual({
      deleteProblem: true,
    });
    expect(await gqlOk(api.url, '{ problem(id: "double") { id } }', {}, OWNER.headers)).toEqual({ problem: null });
  });
});
