/**
 * A worker's Temporal identity, as Temporal lists the task queue's pollers: its id and sandbox
 * slots, for an operator reading the Temporal UI. (queueStats reads slots from the workers table.)
 */
export function workerIdentity(workerId: string, slots: number): string {
  return `sandflow-worker ${workerId} slots=${slots}`;
}
