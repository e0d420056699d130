/** How many events a submission's Temporal workflow history holds: the round trips it cost. */
import { Client, Connection } from '@temporalio/client';
import { workflowIdOf } from '../api/dispatch';

export async function historyEventCount(address: string, namespace: string, submissionId: string): Promise<number> {
  const connection = await Connection.connect({ address });
  try {
    const handle = new Client({ connection, namespace }).workflow.getHandle(workflowIdOf(submissionId));
    // The terminal status may reach subscribers before the workflow has closed.
    await handle.result();
    const history = await handle.fetchHistory();
    return history.events?.length ?? 0;
  } finally {
    await connection.close();
  }
}
