import { z } from 'zod';
import { authHeaders } from '../client';
import type { Endpoint } from './endpoint';
import { CliError, EXIT } from './exit-codes';

const GraphQLResponse = z.object({
  data: z.unknown().optional(),
  errors: z
    .array(z.object({ message: z.string(), extensions: z.object({ code: z.string().optional() }).loose().optional() }))
    .optional(),
});

/** One GraphQL error list as the CLI prints it: each message with its code. */
export function describeErrors(
  errors: ReadonlyArray<{ message: string; extensions?: { code?: string | undefined } | undefined }>,
): string {
  return errors.map((e) => (e.extensions?.code ? `${e.message} (${e.extensions.code})` : e.message)).join('; ');
}

/**
 * Sends one operation over HTTP and returns its `data`, checked against `shape`. Anything
 * else (unreachable API, HTTP error, GraphQL errors, an answer of the wrong shape) becomes a
 * CliError with EXIT.API, worded for the person at the terminal.
 */
export async function request<T>(
  endpoint: Endpoint,
  query: string,
  variables: Record<string, unknown>,
  shape: z.ZodType<T>,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...authHeaders(endpoint) },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new CliError(`cannot reach ${endpoint.url}: ${cause} (is sandflow running? set --url or SANDFLOW_URL)`, EXIT.API);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(
      `${endpoint.url} answered HTTP ${response.status} with something that is not GraphQL: ${text.slice(0, 200)}`,
      EXIT.API,
    );
  }
  const body = GraphQLResponse.safeParse(json);
  if (!body.success)
    throw new CliError(
      `${endpoint.url} answered HTTP ${response.status} with something that is not GraphQL: ${text.slice(0, 200)}`,
      EXIT.API,
    );
  if (body.data.errors?.length) throw new CliError(describeErrors(body.data.errors), EXIT.API);
  const data = shape.safeParse(body.data.data);
  if (!data.success) throw new CliError(`unexpected answer from ${endpoint.url}: ${data.error.message}`, EXIT.API);
  return data.data;
}
