import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { Client as WsClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../support/deployment';
import { gql, wsClient } from '../support/graphql';
import { startTestSandflow, type TestSandflow } from '../support/sandflow';
import { clientsEnv, terminateSubmissions, testClient } from '../support/tenants';

const A = testClient('tenant-a');
const B = testClient('tenant-b');
const SUBMIT = 'mutation($input: SubmitInput!) { submit(input: $input) { id status } }';
const READ = 'query($id: ID!) { submission(id: $id) { id status } }';
const CANCEL = 'mutation($id: ID!) { cancelSubmission(id: $id) { id status } }';
const LIST = `query($first: Int, $after: String, $status: SubmissionStatus, $language: ID) {
  submissions(first: $first, after: $after, status: $status, language: $language) { edges { cursor node { id } } pageInfo { endCursor } } }`;
const WATCH = 'subscription($id: ID!) { submissionUpdated(id: $id) { id status } }';

interface ListData {
  submissions: { edges: Array<{ cursor: string; node: { id: string } }>; pageInfo: { endCursor: string | null } };
}

/** The first outcome of a subscription: its first update, or its errors. */
function firstOf(
  ws: WsClient,
  id: string,
): Promise<{ data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> }> {
  return new Promise((resolve) => {
    const stop = ws.subscribe(
      { query: WATCH, variables: { id } },
      {
        next: (value) => {
          stop();
          resolve(value.errors ? { errors: [...value.errors] } : { data: value.data });
        },
        error: (error) => resolve({ errors: Array.isArray(error) ? error : [{ message: String(error) }] }),
        complete: () => undefined,
      },
    );
  });
}

describe.each(DATABASES)('tenants on %s', (kind) => {
  let api: TestSandflow;
  const submitted: string[] = [];
  const sockets: WsClient[] = [];

  const submitAs = async (client: typeof A, input: Record<string, unknown>): Promise<string> => {
    const response = await gql<{ submit: { id: string } }>(api.url, SUBMIT, { input }, client.headers);
    expect(response.errors).toBeUndefined();
    const id = response.data?.submit.id ?? '';
    submitted.push(id);
    return id;
  };
  const listAs = async (client: typeof A, variables: Record<string, unknown> = {}) => {
    const response = await gql<ListData>(api.url, LIST, variables, client.headers);
    expect(response.errors).toBeUndefined();
    return response.data?.submissions ?? { edges: [], pageInfo: { endCursor: null } };
  };
  const ws = (client: typeof A) => {
    const socket = wsClient(api.wsUrl, { authorization: client.headers.authorization });
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    // No worker: submissions stay QUEUED, so ownership is checked on live, cancellable ones.
    api = await startTestSandflow({
      postgres: kind === 'postgres',
      worker: false,
      languages: ['python'],
      // A quick poll lets a subscription the test has left end soon after, not while the API stops.
      env: { SANDFLOW_CLIENTS: clientsEnv([{ client: A }, { client: B }]), SANDFLOW_SUBSCRIPTION_POLL_MS: '100' },
    });
  });

  afterAll(async () => {
    for (const socket of sockets) await socket.dispose();
    if (api) await terminateSubmissions(api.config.temporal.address, submitted);
    await api?.stop();
  });

  it("client B cannot read, list or cancel client A's submission: it is answered exactly like a missing id", async () => {
    const mine = await submitAs(A, { language: 'python', source: 'print("a")\n' });
    const theirs = await submitAs(B, { language: 'python', source: 'print("b")\n' });
    const missing = randomUUID();

    // Read: null, as for an id that does not exist; the owner still reads it.
    const read = await gql(api.url, READ, { id: mine }, B.headers);
    expect(read).toEqual({ ...(await gql(api.url, READ, { id: missing }, B.headers)), data: { submission: null } });
    expect((await gql(api.url, READ, { id: mine }, A.headers)).data).toEqual({ submission: { id: mine, status: 'QUEUED' } });

    // Cancel: NOT_FOUND with the missing-id message, and nothing reaches the workflow.
    const cancel = await gql(api.url, CANCEL, { id: mine }, B.headers);
    expect(cancel.errors?.[0]).toMatchObject({
      message: `id: submission ${mine} does not exist`,
      extensions: { code: 'NOT_FOUND' },
    });
    const cancelMissing = await gql(api.url, CANCEL, { id: missing }, B.headers);
    expect(cancelMissing.errors?.[0]).toMatchObject({
      message: `id: submission ${missing} does not exist`,
      extensions: { code: 'NOT_FOUND' },
    });
    const connection = await Connection.connect({ address: api.config.temporal.address });
    try {
      const history = await new Client({ connection }).workflow.getHandle(`submission-${mine}`).fetchHistory();
      expect(history.events?.some((event) => event.workflowExecutionCancelRequestedEventAttributes)).toBe(false);
    } finally {
      await connection.close();
    }
    expect((await gql(api.url, READ, { id: mine }, A.headers)).data).toEqual({ submission: { id: mine, status: 'QUEUED' } });

    // List: each client sees only its own, with any filter and from any cursor, even one of the other client's.
    const aIds = (await listAs(A)).edges.map((e) => e.node.id);
    expect(aIds).toContain(mine);
    expect(aIds).not.toContain(theirs);
    const aCursor = (await listAs(A, { first: 1 })).pageInfo.endCursor;
    for (const variables of [{}, { language: 'python' }, { status: 'QUEUED' }, { first: 100 }, { after: aCursor }]) {
      const bIds = (await listAs(B, variables)).edges.map((e) => e.node.id);
      expect(bIds, JSON.stringify(variables)).not.toContain(mine);
    }
    expect((await listAs(B)).edges.map((e) => e.node.id)).toEqual([theirs]);

    // Over WebSocket the same answers.
    const overWs = await new Promise<unknown>((resolve, reject) => {
      ws(B).subscribe({ query: READ, variables: { id: mine } }, { next: resolve, error: reject, complete: () => undefined });
    });
    expect(overWs).toEqual({ data: { submission: null } });
  });

  it("client B cannot subscribe to client A's submission: NOT_FOUND, as for a missing id", async () => {
    const mine = await submitAs(A, { language: 'python', source: 'print("watched")\n' });
    const refused = await firstOf(ws(B), mine);
    expect(refused.errors?.[0]).toMatchObject({
      message: `id: submission ${mine} does not exist`,
      extensions: { code: 'NOT_FOUND' },
    });
    const missing = randomUUID();
    expect((await firstOf(ws(B), missing)).errors?.[0]).toMatchObject({
      message: `id: submission ${missing} does not exist`,
      extensions: { code: 'NOT_FOUND' },
    });
    expect(await firstOf(ws(A), mine)).toEqual({ data: { submissionUpdated: { id: mine, status: 'QUEUED' } } });
  });

  it('keeps idempotency keys per client: the same key from A and B makes two submissions', async () => {
    const input = { language: 'python', source: 'print("once")\n', idempotencyKey: `shared-${randomUUID()}` };
    const fromA = await submitAs(A, input);
    const fromB = await submitAs(B, input);
    expect(fromB).not.toBe(fromA);
    // Within one client the key still deduplicates.
    expect(await submitAs(A, input)).toBe(fromA);
    expect(await submitAs(B, input)).toBe(fromB);
    expect((await gql(api.url, READ, { id: fromB }, B.headers)).data).toEqual({ submission: { id: fromB, status: 'QUEUED' } });
  });
});
