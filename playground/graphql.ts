import { createClient, type Client } from 'graphql-ws';
import type { z } from 'zod';
import { apiErrorSchema, responseSchema, type ApiError } from './schemas';

/** Talks to the API of the origin that served the page, over HTTP and graphql-ws, with an optional token. */
export class Api {
  private ws: Client | undefined;

  constructor(private readonly token: string) {}

  private authorization(): string | undefined {
    return this.token ? `Bearer ${this.token}` : undefined;
  }

  async request<T>(query: string, variables: Record<string, unknown>, schema: z.ZodType<T>): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const authorization = this.authorization();
    if (authorization) headers.authorization = authorization;
    const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = responseSchema.safeParse(await response.json().catch(() => undefined));
    if (!body.success) throw new Error(`HTTP ${response.status}: not a GraphQL response`);
    if (body.data.errors?.length) throw new Error(body.data.errors.map(describe).join('\n'));
    return schema.parse(body.data.data);
  }

  /**
   * Streams a subscription. The server completes it after the terminal status; the returned
   * function is only for abandoning it early (see machine-findings: unsubscribing after the
   * server's complete breaks a shared graphql-ws client).
   */
  subscribe<T>(
    query: string,
    variables: Record<string, unknown>,
    schema: z.ZodType<T>,
    onData: (data: T) => void,
    onError: (message: string) => void,
  ): () => void {
    this.ws ??= createClient({
      url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
      connectionParams: () => {
        const authorization = this.authorization();
        return authorization ? { authorization } : {};
      },
    });
    return this.ws.subscribe(
      { query, variables },
      {
        next: (result) => {
          const errors = result.errors ?? [];
          if (errors.length) return onError(errors.map((e) => describe(apiErrorSchema.parse(e))).join('\n'));
          const data = schema.safeParse(result.data);
          if (data.success) onData(data.data);
          else onError('unexpected update from the server');
        },
        error: (error) => onError(errorMessage(error)),
        complete: () => undefined,
      },
    );
  }

  close(): void {
    void this.ws?.dispose();
  }
}

function describe(error: ApiError): string {
  return error.extensions?.code ? `${error.extensions.code}: ${error.message}` : error.message;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error instanceof CloseEvent) return `connection closed (${error.code}${error.reason ? `: ${error.reason}` : ''})`;
  const errors = apiErrorSchema.array().safeParse(error);
  if (errors.success) return errors.data.map(describe).join('\n');
  return 'connection failed';
}
