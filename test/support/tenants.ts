import { randomBytes } from 'node:crypto';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { sha256Hex } from '../../common/api-clients';

/** A configured API client as a test holds it: its name and the plain token it sends. */
export interface TestClient {
  name: string;
  token: string;
  headers: { authorization: string };
}

export function testClient(name: string): TestClient {
  const token = randomBytes(32).toString('hex');
  return { name, token, headers: { authorization: `Bearer ${token}` } };
}

/** SANDFLOW_CLIENTS for `clients`, as an operator writes it: token hashes only. */
export function clientsEnv(
  clients: Array<{ client: TestClient; submitRatePerMinute?: number; submitBurst?: number; operator?: boolean }>,
): string {
  return JSON.stringify(
    clients.map(({ client, ...rate }) => ({ name: client.name, tokenSha256: sha256Hex(client.token), ...rate })),
  );
}

/** Ends the workflows of submissions no worker will run, so a test leaves nothing running in Temporal. */
export async function terminateSubmissions(temporalAddress: string, ids: Iterable<string>): Promise<void> {
  const connection = await Connection.connect({ address: temporalAddress });
  try {
    const client = new Client({ connection });
    for (const id of ids) {
      await client.workflow
        .getHandle(`submission-${id}`)
        .terminate('test cleanup')
        .catch((error: unknown) => {
          if (!(error instanceof WorkflowNotFoundError)) throw error;
        });
    }
  } finally {
    await connection.close();
  }
}
