/**
 * Languages offered in several versions, through the real API, worker, Temporal and Docker:
 * the `languages` listing (ids, versions, aliases), a plain id picking the default version,
 * each version really running its own toolchain, and the version that judged a submission
 * stored with it and returned. SANDFLOW_TEST_RUNTIME picks the Docker runtime (runsc: gVisor).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql, gqlOk } from '../support/graphql';
import { startTestSandflow, type TestSandflow } from '../support/sandflow';
import { waitForTerminal } from '../support/submissions';

const runtime = process.env.SANDFLOW_TEST_RUNTIME || 'runc';

interface Listed {
  id: string;
  version: string;
  family: string;
  aliases: string[];
  extensions: string[];
}

interface Judged {
  id: string;
  language: string;
  status: string;
  verdict: string | null;
  languageVersion: string | null;
  run: { stdout: string; stderr: string } | null;
}

const GO_VERSION = 'package main\n\nimport (\n\t"fmt"\n\t"runtime"\n)\n\nfunc main() { fmt.Println(runtime.Version()) }\n';

async function submitted(
  url: string,
  language: string,
  source: string,
): Promise<{ id: string; language: string; languageVersion: string | null }> {
  const data = await gqlOk<{ submit: { id: string; language: string; languageVersion: string | null } }>(
    url,
    'mutation($input: SubmitInput!) { submit(input: $input) { id language languageVersion } }',
    { input: { language, source } },
  );
  return data.submit;
}

async function judged(url: string, language: string, source: string): Promise<Judged> {
  const { id } = await submitted(url, language, source);
  await waitForTerminal(url, id, 240_000);
  const data = await gqlOk<{ submission: Judged }>(
    url,
    'query($id: ID!) { submission(id: $id) { id language status verdict languageVersion run { stdout stderr } } }',
    { id },
  );
  return data.submission;
}

describe(`language versions (runtime ${runtime})`, () => {
  let stack: TestSandflow;
  let listed: Listed[] = [];
  const versionOf = (id: string) => listed.find((l) => l.id === id)?.version;

  beforeAll(async () => {
    // Plain ids: each serves every version of its language.
    stack = await startTestSandflow({ languages: ['go', 'javascript', 'typescript'], env: { SANDFLOW_DOCKER_RUNTIME: runtime } });
    listed = (await gqlOk<{ languages: Listed[] }>(stack.url, '{ languages { id version family aliases extensions } }'))
      .languages;
  }, 900_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('lists every version with its own id, toolchain version and extensions; the plain id is an alias of the newest', () => {
    expect(listed.map((l) => [l.id, l.family, l.aliases])).toEqual([
      ['javascript@24', 'javascript', ['javascript']],
      ['typescript@5', 'typescript', ['typescript']],
      ['go@1.27', 'go', ['go']],
      ['go@1.19', 'go', []],
    ]);
    expect(versionOf('go@1.27')).toMatch(/^go version go1\.27\.\d+ linux\/amd64$/);
    expect(versionOf('go@1.19')).toMatch(/^go version go1\.19\.\d+ linux\/amd64$/);
    expect(versionOf('javascript@24')).toMatch(/^v24\.\d+\.\d+$/);
    expect(versionOf('typescript@5')).toMatch(/^tsc 5\.\d+\.\d+, node v24\.\d+\.\d+$/);
    for (const l of listed.filter((x) => x.family === 'go')) expect(l.extensions).toEqual(['.go']);
  });

  it('runs go@1.19 and the plain go (go@1.27) side by side, each its own toolchain, and stores which one judged each', async () => {
    const [old, current] = await Promise.all([judged(stack.url, 'go@1.19', GO_VERSION), judged(stack.url, 'go', GO_VERSION)]);
    expect(old.verdict, JSON.stringify(old)).toBe('ACCEPTED');
    expect(current.verdict, JSON.stringify(current)).toBe('ACCEPTED');
    expect(old.run?.stdout).toMatch(/^go1\.19\.\d+\n$/);
    expect(current.run?.stdout).toMatch(/^go1\.27\.\d+\n$/);
    // The plain id was stored as the version it named at submit.
    expect([old.language, current.language]).toEqual(['go@1.19', 'go@1.27']);
    expect(old.languageVersion).toBe(versionOf('go@1.19'));
    expect(current.languageVersion).toBe(versionOf('go@1.27'));
    expect(old.languageVersion).not.toBe(current.languageVersion);
    // The stored version is the toolchain the program reported.
    expect(current.languageVersion).toContain(current.run?.stdout.trim());

    // Listing by the plain id finds what it named.
    const page = await gqlOk<{ submissions: { edges: Array<{ node: { id: string } }> } }>(
      stack.url,
      '{ submissions(first: 100, language: "go") { edges { node { id } } } }',
    );
    const ids = page.submissions.edges.map((e) => e.node.id);
    expect(ids).toContain(current.id);
    expect(ids).not.toContain(old.id);
  });

  it('runs the plain javascript and typescript on Node.js 24 with TypeScript 5', async () => {
    const js = await judged(stack.url, 'javascript', 'console.log(process.version);\n');
    expect(js.verdict, JSON.stringify(js)).toBe('ACCEPTED');
    expect(js.run?.stdout).toMatch(/^v24\.\d+\.\d+\n$/);
    expect([js.language, js.languageVersion]).toEqual(['javascript@24', versionOf('javascript@24')]);

    // Type-checks against @types/node: a wrong type is a compile error, process.version a string.
    const ts = await judged(
      stack.url,
      'typescript',
      'import * as fs from "fs";\nconst v: string = process.version;\nconsole.log(v, typeof fs.readFileSync);\n',
    );
    expect(ts.verdict, JSON.stringify(ts)).toBe('ACCEPTED');
    expect(ts.run?.stdout).toMatch(/^v24\.\d+\.\d+ function\n$/);
    expect([ts.language, ts.languageVersion]).toEqual(['typescript@5', versionOf('typescript@5')]);
    const wrong = await judged(stack.url, 'typescript@5', 'const n: number = process.version;\nconsole.log(n);\n');
    expect(wrong.verdict).toBe('COMPILATION_ERROR');
  });

  it('has no version before a worker takes the submission up', async () => {
    // The mutation answers with the row as stored, before any worker claimed it.
    const fresh = await submitted(stack.url, 'go@1.19', GO_VERSION);
    expect(fresh).toMatchObject({ language: 'go@1.19', languageVersion: null });
    await waitForTerminal(stack.url, fresh.id, 240_000);
  });

  it('refuses an unknown version with BAD_USER_INPUT naming the field and listing the ids it accepts', async () => {
    const response = await gql(stack.url, 'mutation { submit(input: { language: "go@1.18", source: "package main" }) { id } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.field).toBe('language');
    expect(response.errors?.[0]?.message).toBe(
      'language: "go@1.18" is not available; allowed: javascript, javascript@24, typescript, typescript@5, go, go@1.27, go@1.19',
    );
    // A version of a language this deployment does not serve is refused the same way.
    const python = await gql(stack.url, 'mutation { submit(input: { language: "python@3", source: "print(1)" }) { id } }');
    expect(python.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('language version on PostgreSQL', () => {
  let stack: TestSandflow | undefined;

  afterAll(async () => {
    await stack?.stop();
  });

  it('stores and returns the version that judged the submission', async () => {
    stack = await startTestSandflow({ postgres: true, languages: ['go@1.19'], env: { SANDFLOW_DOCKER_RUNTIME: runtime } });
    const listed = (await gqlOk<{ languages: Listed[] }>(stack.url, '{ languages { id version aliases } }')).languages;
    // Served alone, the older version is this deployment's default: the plain id names it.
    expect(listed.map((l) => [l.id, l.aliases])).toEqual([['go@1.19', ['go']]]);
    const result = await judged(stack.url, 'go', GO_VERSION);
    expect(result.verdict, JSON.stringify(result)).toBe('ACCEPTED');
    expect(result.language).toBe('go@1.19');
    expect(result.languageVersion).toMatch(/^go version go1\.19\.\d+ /);
    expect(result.languageVersion).toBe(listed[0]?.version);
  }, 300_000);
});
