import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphQLResponse<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }>;
}

/** One GraphQL request over HTTP, as any client would send it. */
export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T> & { status: number }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLResponse<T>;
  return { ...body, status: response.status };
}

/** Like gql, but fails the test on any GraphQL error. */
export async function gqlOk<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await gql<T>(url, query, variables, headers);
  if (response.errors?.length || !response.data) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
  return response.data;
}

export function wsClient(wsUrl: string, connectionParams: Record<string, unknown> = {}): WsClient {
  return createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
}

/** Collects every payload of a subscription until it completes (or errors). */
export function collect<T>(client: WsClient, query: string, variables: Record<string, unknown>): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const items: T[] = [];
    client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          if (value.errors?.length) reject(new Error(JSON.stringify(value.errors)));
          else if (value.data) items.push(value.data as T);
        },
        error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
        complete: () => resolve(items),
      },
    );
  });
}

export const SUBMISSION_FIELDS = `
  id language status verdict error queuedAt startedAt completedAt executionTimeMs totalTimeMs
  limits { cpuTimeMs wallTimeMs memoryMb processes outputKb }
  compile { stdout stderr exitCode signal cpuTimeMs wallTimeMs memoryKb truncated }
  run { stdout stderr exitCode signal cpuTimeMs wallTimeMs memoryKb truncated }
  testResults { index verdict result { stdout stderr exitCode signal cpuTimeMs wallTimeMs memoryKb truncated } }
`;
