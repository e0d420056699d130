/**
 * A worker's Temporal identity. It carries the worker's sandbox slots, so anyone who can
 * list the task queue's pollers can add up the deployment's capacity.
 */
export function workerIdentity(workerId: string, slots: number): string {
  return `sandflow-worker ${workerId} slots=${slots}`;
}

export function slotsFromIdentity(identity: string): number {
  const match = /\bslots=(\d+)$/.exec(identity);
  return match?.[1] ? Number(match[1]) : 0;
}
