import { z } from 'zod';
import { SUBMISSION_STATUSES, VERDICTS } from '../common/submission';
import { connectWs } from '../client';
import { describeErrors } from './api';
import type { Endpoint } from './endpoint';
import { CliError, EXIT } from './exit-codes';

const Update = z.object({
  submissionUpdated: z.object({ status: z.enum(SUBMISSION_STATUSES), verdict: z.enum(VERDICTS).nullable() }),
});
type Update = z.infer<typeof Update>['submissionUpdated'];

const GraphQLErrors = z.array(
  z.object({ message: z.string(), extensions: z.object({ code: z.string().optional() }).loose().optional() }),
);

/**
 * Follows a submission on the graphql-ws subscription until the server completes it after
 * the terminal status, calling `onStatus` once per distinct status. Never unsubscribes: with
 * graphql-ws 6.4 an unsubscribe after the server's `complete` can close the socket under
 * other operations, and the server completes by itself.
 */
export async function followStatuses(endpoint: Endpoint, id: string, onStatus: (update: Update) => void): Promise<Update> {
  const ws = connectWs(endpoint);
  try {
    return await new Promise<Update>((resolve, reject) => {
      let last: Update | undefined;
      ws.subscribe(
        { query: 'subscription($id: ID!) { submissionUpdated(id: $id) { status verdict } }', variables: { id } },
        {
          next: (value) => {
            if (value.errors?.length) return reject(new CliError(describeErrors(value.errors), EXIT.API));
            const parsed = Update.safeParse(value.data);
            if (!parsed.success)
              return reject(new CliError(`unexpected subscription payload: ${parsed.error.message}`, EXIT.API));
            const update = parsed.data.submissionUpdated;
            if (update.status !== last?.status) onStatus(update);
            last = update;
          },
          error: (error) => reject(subscriptionError(endpoint, error)),
          complete: () =>
            last ? resolve(last) : reject(new CliError(`the subscription of ${id} ended before any status`, EXIT.API)),
        },
      );
    });
  } finally {
    await ws.dispose();
  }
}

/** graphql-ws reports GraphQL errors as a list, a refused or dropped socket as a CloseEvent or Error. */
function subscriptionError(endpoint: Endpoint, error: unknown): CliError {
  const errors = GraphQLErrors.safeParse(error);
  if (errors.success) return new CliError(describeErrors(errors.data), EXIT.API);
  const close = z.object({ code: z.number(), reason: z.string() }).safeParse(error);
  if (close.success)
    return new CliError(
      `the WebSocket at ${endpoint.url} closed (${close.data.code} ${close.data.reason || 'no reason given'})`,
      EXIT.API,
    );
  const message = error instanceof Error ? error.message : String(error);
  return new CliError(`cannot follow the submission over the WebSocket at ${endpoint.url}: ${message}`, EXIT.API);
}
