import { z } from 'zod';
import { authHeaders, type Endpoint } from './endpoint';

/** The part of the GraphQL SubmitInput the load tools and benchmarks send. */
export interface SubmitInput {
  language: string;
  source: string;
  idempotencyKey?: string;
  testCases?: Array<{ stdin: string; expectedOutput: string }>;
}

const SubmitResponse = z.object({
  data: z.object({ submit: z.object({ id: z.string() }) }).nullish(),
  errors: z
    .array(
      z.object({
        message: z.string(),
        extensions: z.object({ code: z.string().optional(), retryAfterSeconds: z.number().optional() }).loose().optional(),
      }),
    )
    .optional(),
});

/** Submits once over HTTP; waits out RATE_LIMITED as the server asks. Resolves with the id and when the request left. */
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
