/**
 * What the load test and the benchmark do as a sandflow client: submit over GraphQL HTTP and
 * follow a submission to its terminal status on a graphql-ws subscription.
 */
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { z } from 'zod';
import { isTerminal, SUBMISSION_STATUSES } from '../common/submission';

export interface Endpoint {
  /** The API's HTTP URL, e.g. http://127.0.0.1:4000/graphql; the WebSocket is on the same path. */
  url: string;
  /** Bearer token, when the deployment has API clients. */
  token?: string | undefined;
}

export interface SubmitInput {
  language: string;
  source: string;
  idempotencyKey?: string;
  testCases?: Array<{ stdin: string; expectedOutput: string }>;
}

const SubmitResponse = z.object({
  data: z.object({ submit: z.object({ id: z.string() }) }).nullish(),
  errors: z
    .array(z.object({ message: z.string(), extensions: z.object({ code: z.string().optional(), retryAfterSeconds: z.number().optional() }).loose().optional() }))
    .optional(),
});

const Update = z.object({
  status: z.enum(SUBMISSION_STATUSES),
  verdict: z.string().nullable(),
  run: z.object({ stdout: z.string().nullable() }).nullable(),
});
const UpdatePayload = z.object({ submissionUpdated: Update });

/** The last update a subscription carried, and when the first terminal one arrived. */
export interface Followed {
  status: string;
  verdict: string | null;
  stdout: string | null;
  /** performance.now() when the terminal status arrived. */
  terminalAt: number;
}

function authHeaders(endpoint: Endpoint): Record<string, string> {
  return endpoint.token ? { authorization: `Bearer ${endpoint.token}` } : {};
}

/** A graphql-ws client on the endpoint's WebSocket. */
export function connectWs(endpoint: Endpoint, options: { lazy?: boolean } = {}): WsClient {
  return createClient({
    url: endpoint.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    lazy: options.lazy ?? true,
    connectionParams: authHeaders(endpoint),
  });
}

/** Resolves once the client's socket is open and acknowledged, so timing excludes the handshake. */
export function connected(ws: WsClient): Promise<void> {
  return new Promise((resolve, reject) => {
    const offConnected = ws.on('connected', () => {
      offConnected();
      offClosed();
      resolve();
    });
    const offClosed = ws.on('closed', (event) => {
      offConnected();
      offClosed();
      reject(new Error(`the WebSocket closed before connecting: ${JSON.stringify(event)}`));
    });
  });
}

/** Submits once; waits out RATE_LIMITED as the server asks. Resolves with the id and when the request left. */
export async function submit(endpoint: Endpoint, input: SubmitInput): Promise<{ id: string; sentAt: number }> {
  for (;;) {
    const sentAt = performance.now();
    const response = await fetch(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders(endpoint) },
      body: JSON.stringify({ query: 'mutation($input: SubmitInput!) { submit(input: $input) { id } }', variables: { input } }),
    });
    const body = SubmitResponse.parse(await response.json());
    const limited = body.errors?.find((e) => e.extensions?.code === 'RATE_LIMITED');
    if (limited) {
      await new Promise((r) => setTimeout(r, (limited.extensions?.retryAfterSeconds ?? 1) * 1000));
      continue;
    }
    if (!body.data) throw new Error(`submit failed (HTTP ${response.status}): ${JSON.stringify(body.errors)}`);
    return { id: body.data.submit.id, sentAt };
  }
}

/**
 * Follows a submission the way a browser does: one subscription, which the server completes
 * after the terminal status. It is never unsubscribed here: with graphql-ws 6.4 an unsubscribe
 * after the server's `complete` closes the shared socket under every other subscription on it.
 */
export function follow(ws: WsClient, id: string): Promise<Followed> {
  return new Promise((resolve, reject) => {
    let last: z.infer<typeof Update> | undefined;
    let terminalAt: number | undefined;
    ws.subscribe(
      { query: 'subscription($id: ID!) { submissionUpdated(id: $id) { status verdict run { stdout } } }', variables: { id } },
      {
        next: (value) => {
          if (!value.data) return;
          last = UpdatePayload.parse(value.data).submissionUpdated;
          if (terminalAt === undefined && isTerminal(last.status)) terminalAt = performance.now();
        },
        error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
        complete: () => {
          if (last && terminalAt !== undefined) resolve({ status: last.status, verdict: last.verdict, stdout: last.run?.stdout ?? null, terminalAt });
          else reject(new Error(`the subscription of ${id} completed before a terminal status (last: ${JSON.stringify(last)})`));
        },
      },
    );
  });
}
