import type { Client as WsClient } from 'graphql-ws';
import { z } from 'zod';
import { isTerminal, SUBMISSION_STATUSES } from '../common/submission';

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
          if (last && terminalAt !== undefined)
            resolve({ status: last.status, verdict: last.verdict, stdout: last.run?.stdout ?? null, terminalAt });
          else reject(new Error(`the subscription of ${id} completed before a terminal status (last: ${JSON.stringify(last)})`));
        },
      },
    );
  });
}
