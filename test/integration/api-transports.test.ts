import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_QUERY_TOKENS } from '../../api/pipeline/query-limits';
import { collect, wsClient } from '../support/graphql';
import { startTestSandflow, type TestSandflow } from '../support/sandflow';

/** What a client sees of an answer: the data, and each error's message and code. */
interface Answer {
  data: unknown;
  errors: Array<{ message: string; code: string | undefined }>;
}

const HOSTILE: Array<[string, string, Record<string, unknown>, string?]> = [
  ['a syntax error', '{ languages { id ', {}],
  ['more tokens than allowed', `{ ${'__typename '.repeat(MAX_QUERY_TOKENS)} }`, {}],
  ['an unknown field', '{ nope }', {}],
  ['more fields than allowed', `{ ${Array.from({ length: 400 }, (_, i) => `a${i}: __typename`).join(' ')} }`, {}],
  ['a query costlier than allowed', `{ ${Array.from({ length: 10 }, (_, i) => `q${i}: queueStats { queued }`).join(' ')} }`, {}],
  ['a missing required variable', 'query($id: ID!) { submission(id: $id) { id } }', {}],
  ['a variable of the wrong type', 'query($first: Int) { submissions(first: $first) { edges { cursor } } }', { first: 'ten' }],
  ['two operations and no operation name', 'query A { languages { id } } query B { languages { id } }', {}],
  ['an operation name the document lacks', 'query A { languages { id } }', {}, 'B'],
  [
    'a limit out of range',
    'mutation($input: SubmitInput!) { submit(input: $input) { id } }',
    { input: { language: 'python', source: 'print(1)', limits: { cpuTimeMs: 0 } } },
  ],
  [
    'an unknown language',
    'mutation($input: SubmitInput!) { submit(input: $input) { id } }',
    { input: { language: 'cobol', source: 'x' } },
  ],
  ['a page size out of range', '{ submissions(first: 1000) { edges { cursor } } }', {}],
  ['a selection nested deeper than allowed', '{ submissions { edges { node { testResults { result { stdout } } } } } }', {}],
  [
    'a response larger than allowed',
    `{ ${Array.from({ length: 4 }, (_, i) => `s${i}: __schema { types { name description fields { name description args { name description } } } }`).join(' ')} }`,
    {},
  ],
  // An error raised during execution rather than a refusal before it.
  ['a submission that does not exist', 'mutation { cancelSubmission(id: "00000000-0000-0000-0000-000000000000") { id } }', {}],
];

/** Small enough that the hostile operations above meet them; the rest of the suite stays within. */
const LIMITS = { SANDFLOW_MAX_QUERY_DEPTH: '5', SANDFLOW_MAX_RESPONSE_KB: '16' };

const HttpAnswer = z.object({
  data: z.unknown().optional(),
  errors: z.array(z.object({ message: z.string(), extensions: z.object({ code: z.unknown() }).partial().optional() })).optional(),
});

function answerOf(body: {
  data?: unknown;
  errors?: ReadonlyArray<{ message: string; extensions?: { code?: unknown } }>;
}): Answer {
  return {
    data: body.data ?? null,
    errors: (body.errors ?? []).map((e) => ({
      message: e.message,
      code: typeof e.extensions?.code === 'string' ? e.extensions.code : undefined,
    })),
  };
}

/** The answer over HTTP, with `authorization` as the header when given. */
async function overHttp(
  api: TestSandflow,
  query: string,
  variables: Record<string, unknown>,
  operationName?: string,
  authorization?: string,
): Promise<Answer> {
  const response = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query, variables, operationName }),
  });
  return answerOf(HttpAnswer.parse(await response.json()));
}

/** The answer over WebSocket, with `authorization` in connectionParams when given. */
async function overWebSocket(
  api: TestSandflow,
  query: string,
  variables: Record<string, unknown>,
  operationName?: string,
  authorization?: string,
): Promise<Answer> {
  const client = wsClient(api.wsUrl, authorization ? { authorization } : {});
  try {
    return await new Promise<Answer>((resolve, reject) => {
      let answer: Answer | undefined;
      client.subscribe(
        { query, variables, ...(operationName ? { operationName } : {}) },
        {
          next: (value) => {
            answer = answerOf(value);
          },
          // graphql-ws delivers refused operations as a list of errors, anything else as an event.
          error: (error) =>
            Array.isArray(error) ? resolve(answerOf({ errors: error })) : reject(new Error(JSON.stringify(error))),
          complete: () => (answer ? resolve(answer) : reject(new Error('completed without an answer'))),
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

/*
 * HTTP (Apollo) and WebSocket (graphql-ws) are two ways into one API: every hostile operation
 * gets the same answer on both, so a rule added to one transport and forgotten on the other
 * shows here.
 */
describe('the same operation over HTTP and over WebSocket', () => {
  let api: TestSandflow;

  beforeAll(async () => {
    api = await startTestSandflow({ worker: false, languages: ['python'], env: LIMITS });
  });

  afterAll(async () => {
    await api?.stop();
  });

  it.each(HOSTILE)('%s', async (_what, query, variables, operationName) => {
    const http = await overHttp(api, query, variables, operationName);
    expect(http.errors.length).toBeGreaterThan(0);
    expect(await overWebSocket(api, query, variables, operationName)).toEqual(http);
  });
});

describe('authentication over HTTP and over WebSocket', () => {
  let api: TestSandflow;

  beforeAll(async () => {
    api = await startTestSandflow({ worker: false, languages: ['python'], env: { SANDFLOW_API_TOKENS: 'right-token' } });
  });

  afterAll(async () => {
    await api?.stop();
  });

  it.each([
    ['no token', undefined],
    ['a wrong token', 'Bearer wrong-token'],
    ['a token without the Bearer scheme', 'right-token'],
  ])('refuses %s as UNAUTHENTICATED on both, naming where the token goes', async (_what, authorization) => {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ query: '{ languages { id } }' }),
    });
    expect(response.status).toBe(401);
    expect(answerOf(HttpAnswer.parse(await response.json())).errors).toEqual([
      { message: expect.stringMatching(/^authorization: a valid API token is required/), code: 'UNAUTHENTICATED' },
    ]);

    const client = wsClient(api.wsUrl, authorization ? { authorization } : {});
    try {
      const closed = await new Promise<unknown>((resolve) => {
        client.on('closed', resolve);
        client.subscribe(
          { query: '{ languages { id } }' },
          { next: () => undefined, error: () => undefined, complete: () => undefined },
        );
      });
      expect(closed).toMatchObject({
        code: 4401,
        reason: expect.stringMatching(/^UNAUTHENTICATED: connectionParams\.authorization: a valid API token is required/),
      });
    } finally {
      await client.dispose();
    }
  });

  // Here, where responses may be large: over HTTP the test suite's stack traces make 30 errors ~36 KiB.
  it('lists every variable that does not fit on both, more than the 20 the WebSocket path once stopped at', async () => {
    const count = 30;
    const definitions = Array.from({ length: count }, (_, i) => `$v${i}: Int!`).join(', ');
    const query = `query(${definitions}) { ${Array.from({ length: count }, (_, i) => `s${i}: submissions(first: $v${i}) { edges { cursor } }`).join(' ')} }`;
    const http = await overHttp(api, query, {}, undefined, 'Bearer right-token');
    expect(http.errors).toHaveLength(count);
    expect(http.errors.every((e) => e.code === 'BAD_USER_INPUT')).toBe(true);
    expect(await overWebSocket(api, query, {}, undefined, 'Bearer right-token')).toEqual(http);
  });

  it('answers the right token the same on both', async () => {
    const query = '{ languages { id } }';
    const http = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer right-token' },
      body: JSON.stringify({ query }),
    });
    const overHttp = answerOf(HttpAnswer.parse(await http.json()));
    const client = wsClient(api.wsUrl, { authorization: 'Bearer right-token' });
    try {
      const [data] = await collect<unknown>(client, query, {});
      expect(overHttp).toEqual({ data, errors: [] });
    } finally {
      await client.dispose();
    }
  });
});
