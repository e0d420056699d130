import { Client, Connection } from '@temporalio/client';
import { workflowIdOf } from './dispatch';

/**
 * How many of these submissions' workflows ran more than once: each submission's first judging
 * attempt has one workflow id, so a second execution under it means it was dispatched twice.
 * What the load tools and the outage tests check after a burst.
 */
export async function duplicatedRuns(address: string, namespace: string, ids: readonly string[]): Promise<number> {
  const connection = await Connection.connect({ address });
  try {
    const temporal = new Client({ connection, namespace });
    let duplicated = 0;
    for (const id of ids) {
      const { count } = await temporal.workflow.count(`WorkflowId = '${workflowIdOf(id)}'`);
      if (count > 1) duplicated++;
    }
    return duplicated;
  } finally {
    await connection.close();
  }
}
